// Pure helpers for the scale bench: percentiles, summaries and memory growth. No I/O here (unit-tested).

export type Summary = {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
};

/** Nearest-rank percentile (q in 0..1) of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  if (q <= 0) return sorted[0];
  if (q >= 1) return sorted[sorted.length - 1];
  const rank = Math.ceil(q * sorted.length); // 1-based: p99 of 100 samples is the 99th, not the max
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Sorts a copy (the caller's samples stay in arrival order) and reads the usual figures from it. */
export function summarize(samples: readonly number[]): Summary {
  const s = Float64Array.from(samples).sort();
  const arr = Array.from(s);
  let sum = 0;
  for (const v of arr) sum += v;
  return {
    n: arr.length,
    min: arr.length ? arr[0] : NaN,
    p50: percentile(arr, 0.5),
    p95: percentile(arr, 0.95),
    p99: percentile(arr, 0.99),
    max: arr.length ? arr[arr.length - 1] : NaN,
    mean: arr.length ? sum / arr.length : NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/**
 * Memory growth over a soak: median of the first `window` samples vs median of the last `window`, so one GC
 * swing at either end does not decide the figure. Returns the fraction (0.05 = 5 %).
 */
export function growth(
  samples: readonly number[],
  window: number,
): { start: number; end: number; growth: number } {
  if (samples.length === 0) return { start: NaN, end: NaN, growth: NaN };
  const w = Math.max(1, Math.min(window, Math.floor(samples.length / 2) || 1));
  const start = median(samples.slice(0, w));
  const end = median(samples.slice(-w));
  return { start, end, growth: (end - start) / start };
}

/** Bytes from a /proc/<pid>/status text ("VmRSS:   123456 kB"); NaN when the field is missing. */
export function parseProcStatusKb(status: string, field = "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Indices of `meters` clients spread evenly over `total`, always including the last one connected. */
export function meterIndices(total: number, meters: number): number[] {
  const m = Math.max(0, Math.min(total, meters));
  if (m === 0) return [];
  const out = new Set<number>();
  for (let k = 1; k <= m; k++) out.add(Math.round((k * total) / m) - 1);
  return [...out].sort((a, b) => a - b);
}
