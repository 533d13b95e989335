// Reads V8's --trace-gc lines from the server log: the heap still in use right after each full (mark-compact) GC is
// the live set, so it tells a leak (live set rising) from V8 sizing its heap for the churn (RSS up, live set flat).
import fs from "node:fs";

/** `--trace-gc --trace-gc-ignore-scavenger`: full GCs only, a few per minute. */
export const GC_TRACE_ARGS = ["--trace-gc", "--trace-gc-ignore-scavenger"];

export type GcSample = { atMs: number; liveMiB: number; committedMiB: number };

// [pid:0x…]   122654 ms: Mark-Compact 429.2 (713.1) -> 403.6 (675.6) MB, …
const LINE =
  /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: Mark-Compact(?! \(reduce\))[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

/** Full GCs of the main heap (worker isolates' "(reduce)" collections are skipped), in order. */
export function parseGcTrace(text: string): GcSample[] {
  const out: GcSample[] = [];
  for (const line of text.split("\n")) {
    const m = LINE.exec(line);
    if (m) out.push({ atMs: Number(m[1]), liveMiB: Number(m[2]), committedMiB: Number(m[3]) });
  }
  return out;
}

export const readGcTrace = (logFile: string) =>
  parseGcTrace(fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");
