import { describe, expect, it } from "vitest";
import { changeTimes, SseParser } from "./sse-parser";
import { growth, median, meterIndices, parseProcStatusKb, percentile, summarize } from "./stats";

describe("percentile", () => {
  it("uses the nearest rank", () => {
    const s = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(s, 0.5)).toBe(50);
    expect(percentile(s, 0.95)).toBe(95);
    expect(percentile(s, 0.99)).toBe(99);
    expect(percentile(s, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("summarizes unsorted samples without reordering them", () => {
    const samples = [5, 1, 4, 2, 3];
    const s = summarize(samples);
    expect(s).toMatchObject({ n: 5, min: 1, p50: 3, max: 5, mean: 3 });
    expect(samples).toEqual([5, 1, 4, 2, 3]);
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe("growth", () => {
  it("compares the medians of the first and last windows", () => {
    const g = growth([100, 300, 100, 100, 110, 110, 500, 110], 3);
    expect(g.start).toBe(100);
    expect(g.end).toBe(110);
    expect(g.growth).toBeCloseTo(0.1);
  });
  it("shrinks the window for short series", () => {
    expect(growth([100, 120], 10).growth).toBeCloseTo(0.2);
  });
});

describe("proc status", () => {
  it("reads VmRSS in bytes", () => {
    expect(parseProcStatusKb("Name:\tnode\nVmHWM:\t  900 kB\nVmRSS:\t  512 kB\n")).toBe(512 * 1024);
    expect(parseProcStatusKb("Name:\tnode\n")).toBeNaN();
  });
});

describe("meter indices", () => {
  it("spreads meters over the connection order and includes the last client", () => {
    expect(meterIndices(100, 4)).toEqual([24, 49, 74, 99]);
    expect(meterIndices(3, 10)).toEqual([0, 1, 2]);
    expect(meterIndices(10, 0)).toEqual([]);
  });
});

describe("SSE parser", () => {
  it("frames messages split across chunks and skips comments", () => {
    const p = new SseParser();
    expect(p.push("retry: 2000\n\nevent: hel")).toEqual([]);
    expect(
      p.push(
        'lo\ndata: {"a":1}\n\n: 123\n\nevent: containers\ndata: [{"op":"upsert","t":1.5},{"op":"remove"}]\n',
      ),
    ).toEqual([{ event: "hello", data: '{"a":1}' }]);
    const [m] = p.push("\n");
    expect(m.event).toBe("containers");
    expect(changeTimes(m.data)).toEqual([1.5]);
  });
  it("joins multi-line data", () => {
    expect(new SseParser().push("data: a\ndata: b\n\n")).toEqual([{ event: "message", data: "a\nb" }]);
  });
});
