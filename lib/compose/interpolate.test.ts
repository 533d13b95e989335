import { afterEach, describe, expect, it } from "vitest";
import { interpolateString } from "./interpolate";

const vars = { TAG: "1.2", EMPTY: "" };

describe("interpolation", () => {
  it.each([
    ["nginx:${TAG}", "nginx:1.2"],
    ["nginx:$TAG", "nginx:1.2"],
    ["${MISSING:-latest}", "latest"],
    ["${EMPTY:-fallback}", "fallback"],
    ["${EMPTY-fallback}", ""],
    ["${MISSING-fallback}", "fallback"],
    ["${TAG:+set}", "set"],
    ["${MISSING:+set}", ""],
    ["cost: $$5", "cost: $5"],
    ["echo $$HOME", "echo $HOME"],
    ["5$", "5$"],
    ["${MISSING:-${TAG}}", "1.2"],
    ["${MISSING:-${ALSO:-deep-${TAG}}}", "deep-1.2"],
    ["${TAG:-${MISSING}}", "1.2"],
    ["${TAG:+v${TAG}}", "v1.2"],
    ["${MISSING:-a}}", "a}"],
  ])("turns %j into %j", (input, expected) =>
    expect(interpolateString(input, vars)).toEqual({ value: expected }),
  );

  it.each([
    ["${MISSING}", "not set"],
    ["$MISSING", "not set"],
    ["${MISSING:?tell me}", "tell me"],
    ["${EMPTY:?}", "required"],
    ["${oops", "unterminated"],
    ["${A:-${B}}", "${B} is not set"],
    ["${A:?${TAG} missing}", "1.2 missing"],
    ["${1BAD}", "invalid"],
  ])("refuses %j", (input, message) => {
    const r = interpolateString(input, vars);
    expect(r).toHaveProperty("error");
    expect((r as { error: string }).error).toContain(message);
  });

  describe("with a host environment variable set", () => {
    afterEach(() => {
      delete process.env.WHARF_TEST_SECRET;
    });
    it("never reads process.env", () => {
      process.env.WHARF_TEST_SECRET = "leaked";
      expect(interpolateString("${WHARF_TEST_SECRET:-safe}", {})).toEqual({ value: "safe" });
      expect(interpolateString("${WHARF_TEST_SECRET}", {})).toHaveProperty("error");
    });
  });
});
