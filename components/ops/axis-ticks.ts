// Axis ticks for the history charts (components/ops/metric-chart.tsx). uPlot's default increments are decimal
// (1, 2, 5 × 10ⁿ) and its splits may be fractions: on a bytes axis that gave ticks such as 44,150 and 88,300 B
// ("44.1 KiB", "88.3 KiB"), and on a near-empty one 0.5 and 1 B/s, both printed "1 B/s", so the labels read as
// out of order. Bytes step by powers of two of whole bytes instead, and their labels drop a trailing ".0".

/** 1, 2, 4 … 512 times each power of 1024 from 1 B to 1 PiB: every step a round figure in its unit. */
export const BYTE_INCRS: number[] = Array.from({ length: 6 }, (_, p) =>
  Array.from({ length: 10 }, (_, k) => 2 ** k * 1024 ** p),
).flat();

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** A tick's label: the largest unit the value reaches, at most one decimal, none when it is whole. */
export function byteTick(v: number, suffix = ""): string {
  if (!Number.isFinite(v) || v <= 0) return `0 B${suffix}`;
  let i = 0;
  while (i < UNITS.length - 1 && v >= 1024 ** (i + 1)) i++;
  const n = v / 1024 ** i;
  return `${Number.isInteger(n) ? n : n.toFixed(1)} ${UNITS[i]}${suffix}`;
}
