import { describe, expect, it } from "vitest";
import { NdjsonParser } from "./events";

describe("NdjsonParser", () => {
  it("joins a line split across chunks", () => {
    const p = new NdjsonParser();
    expect(p.push('{"a":1')).toEqual([]);
    expect(p.push("2}\n")).toEqual([{ a: 12 }]);
  });
  it("splits several lines merged into one chunk", () => {
    const p = new NdjsonParser();
    expect(p.push('{"a":1}\n{"a":2}\n{"a"')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(p.push(":3}\n")).toEqual([{ a: 3 }]);
  });
  it("keeps a UTF-8 character split between two buffers intact", () => {
    const p = new NdjsonParser();
    const bytes = Buffer.from('{"name":"café"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
    expect(p.push(bytes.subarray(0, cut))).toEqual([]);
    expect(p.push(bytes.subarray(cut))).toEqual([{ name: "café" }]);
  });
  it("reports a bad line and carries on", () => {
    const bad: string[] = [];
    const p = new NdjsonParser((l) => bad.push(l));
    expect(p.push('nope\n{"ok":true}\n')).toEqual([{ ok: true }]);
    expect(bad).toEqual(["nope"]);
  });
  it("flushes a last line without a newline at the end", () => {
    const p = new NdjsonParser();
    p.push('{"last":1}');
    expect(p.end()).toEqual([{ last: 1 }]);
  });
});
