import { describe, expect, it } from "vitest";
import { checkLinkTarget, entryPath } from "./safe-path";

describe("entryPath", () => {
  it("normalises harmless names", () => {
    expect(entryPath("./app/Dockerfile")).toBe("app/Dockerfile");
    expect(entryPath("a//b/./c")).toBe("a/b/c");
    expect(entryPath("dir/")).toBe("dir");
  });
  it.each(["../x", "a/../../x", "a/..", "/etc/passwd", "C:/x", "a\\..\\b", "a\0b"])("refuses %j", (name) => {
    expect(() => entryPath(name)).toThrow(/archive entry/);
  });
});

describe("checkLinkTarget", () => {
  it("accepts links that stay inside", () => {
    expect(() => checkLinkTarget("a/b/link", "../c")).not.toThrow();
    expect(() => checkLinkTarget("link", "sub/file")).not.toThrow();
    expect(() => checkLinkTarget("a/link", "../x/../y")).not.toThrow();
  });
  it.each([
    ["link", "../x"],
    ["a/link", "../../x"],
    ["link", "/etc/passwd"],
    ["a/link", "b/../../../x"],
    ["link", ""],
  ])("refuses %s -> %s", (at, target) => {
    expect(() => checkLinkTarget(at, target)).toThrow(/link/);
  });
});
