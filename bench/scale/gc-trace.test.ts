import { describe, expect, it } from "vitest";
import { parseGcTrace } from "./gc-trace";

describe("parseGcTrace", () => {
  it("keeps the main heap's full GCs and skips scavenges and worker '(reduce)' collections", () => {
    const log = [
      "[wharf] listening",
      "[9630:0x12d80e20]    16903 ms: Mark-Compact 488.5 (522.6) -> 338.4 (525.8) MB, 13.14 / 0.37 ms  (+ 236.4 ms in 190 steps)",
      "[9630:0x7f5880000f00]     8207 ms: Mark-Compact (reduce) 6.8 (15.0) -> 5.4 (8.0) MB, 35.34 / 0.00 ms",
      "[9630:0x12d80e20]    17000 ms: Scavenge 400.1 (530.0) -> 390.0 (530.0) MB, 2.1 / 0.0 ms",
      "[9630:0x12d80e20]   127735 ms: Mark-Compact 360.3 (606.5) -> 341.2 (583.5) MB, 25.11 / 0.01 ms",
    ].join("\n");
    expect(parseGcTrace(log)).toEqual([
      { atMs: 16903, liveMiB: 338.4, committedMiB: 525.8 },
      { atMs: 127735, liveMiB: 341.2, committedMiB: 583.5 },
    ]);
  });
});
