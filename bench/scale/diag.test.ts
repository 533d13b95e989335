import { describe, expect, it } from "vitest";
import { loopDelayBetween, parseDiagnostics } from "./diag";

const line = (at: number, p99: number, max: number) =>
  `[wharf-diag] ${JSON.stringify({ at, rss: 600, heapTotal: 400, heapUsed: 300, external: 20, arrayBuffers: 10, spaces: { old: [350, 280] }, loopP99Ms: p99, loopMaxMs: max })}`;

describe("server diagnostics lines", () => {
  it("parses only its own lines, and takes the worst second of a window", () => {
    const text = [
      "[wharf] listening",
      line(1_000, 12, 20),
      "[1:0x1]  5 ms: Mark-Compact 1 (2) -> 1 (2) MB",
      line(2_000, 30, 180),
      line(3_000, 11, 15),
    ].join("\n");
    const samples = parseDiagnostics(text);
    expect(samples.map((s) => s.at)).toEqual([1_000, 2_000, 3_000]);
    expect(samples[0].spaces.old).toEqual([350, 280]);
    expect(loopDelayBetween(samples, 1_500, 2_500)).toEqual({ p99: 30, max: 180 });
    expect(loopDelayBetween(samples, 2_500, 2_600)).toEqual({ p99: 11, max: 15 });
    expect(loopDelayBetween(samples, 5_000, 6_000)).toBeNull();
  });
});
