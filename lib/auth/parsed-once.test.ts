import { describe, expect, it } from "vitest";
import { parsedOnce } from "./parsed-once";

describe("parsedOnce", () => {
  it("parses each text once, a changed text afresh, and never remembers a failure", () => {
    const calls: string[] = [];
    const parse = parsedOnce((text: string) => {
      calls.push(text);
      if (text === "bad") throw new Error("bad");
      return text.split(",").map(Number);
    }, 2);
    expect(parse("1")).toEqual([1]);
    expect(parse("1")).toBe(parse("1"));
    expect(parse("1,2")).toEqual([1, 2]);
    expect(() => parse("bad")).toThrow();
    expect(() => parse("bad")).toThrow();
    expect(calls).toEqual(["1", "1,2", "bad", "bad"]);
    parse("3"); // a third text: the table is cleared first
    parse("1");
    expect(calls.at(-1)).toBe("1");
  });
});
