import { describe, expect, it } from "vitest";
import { isEngineEvent, NdjsonParser } from "./events";

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

describe("isEngineEvent", () => {
  const event = { Type: "container", Action: "die", Actor: { ID: "abc", Attributes: { exitCode: "1" } } };
  const at = { time: 1_700_000_000, timeNano: 1_700_000_000_000_000_000 };
  it("takes an engine message", () => expect(isEngineEvent({ ...event, ...at })).toBe(true));
  it("refuses what lacks a field or has it of another type", () => {
    expect(isEngineEvent(null)).toBe(false);
    expect(isEngineEvent("die")).toBe(false);
    expect(isEngineEvent({ ...event, time: at.time })).toBe(false);
    expect(isEngineEvent({ ...event, ...at, Actor: null })).toBe(false);
    expect(isEngineEvent({ ...event, ...at, Actor: { ID: 7 } })).toBe(false);
    expect(isEngineEvent({ ...event, ...at, Action: 1 })).toBe(false);
  });
});
