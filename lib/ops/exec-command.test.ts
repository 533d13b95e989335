import { describe, expect, it } from "vitest";
import { parseExecCommand } from "./exec-command";

describe("parseExecCommand", () => {
  it("splits into argv", () => {
    expect(parseExecCommand("/bin/sh")).toEqual({ argv: ["/bin/sh"] });
    expect(parseExecCommand("  ls   -la /tmp ")).toEqual({ argv: ["ls", "-la", "/tmp"] });
  });
  it("refuses shell syntax and empty commands", () => {
    for (const bad of [
      "sh -c 'id'",
      "ls;rm",
      "a|b",
      "$(id)",
      "`id`",
      "a>b",
      "a&b",
      'echo "x"',
      "ls\nid",
      "",
      "   ",
    ])
      expect(parseExecCommand(bad)).toHaveProperty("error");
  });
  it("caps the number of arguments", () => {
    expect(parseExecCommand(Array(33).fill("a").join(" "))).toHaveProperty("error");
  });
});
