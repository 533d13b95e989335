import { describe, expect, it } from "vitest";
import { parseExecCommand } from "./exec-command";
import { ExecQuery } from "./ops";

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

describe("ExecQuery", () => {
  it("refuses the command the bridge would, on the cmd field (the console's form checks with it)", () => {
    const bad = ExecQuery.safeParse({ cmd: "ls;rm" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["cmd"]);
    expect(ExecQuery.parse({ cmd: "ls -la /tmp" }).cmd).toBe("ls -la /tmp");
    expect(ExecQuery.parse({}).cmd).toBe("/bin/sh");
  });
});
