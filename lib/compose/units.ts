// Compose durations ("1m30s", "500ms") and sizes ("512m", "1G", 1048576).
// Each parser returns null on bad input so callers can name the path.

const DURATION_UNITS_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DURATION_RE = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** Go-style duration to milliseconds (may be fractional for sub-ms units). A bare number has no unit and is refused. */
export function parseDurationMs(input: unknown): number | null {
  if (typeof input !== "string") return null;
  const text = input.trim();
  if (!DURATION_RE.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(DURATION_PART)) total += Number(m[1]) * DURATION_UNITS_MS[m[2]];
  return total;
}

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  t: 1024 ** 4,
  tb: 1024 ** 4,
};
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/;

/** Size to bytes, binary units like Docker ("1g" = 1024^3). Numbers are bytes. */
export function parseSizeBytes(input: unknown): number | null {
  if (typeof input === "number") return Number.isSafeInteger(input) && input >= 0 ? input : null;
  if (typeof input !== "string") return null;
  const m = SIZE_RE.exec(input.trim().toLowerCase());
  if (!m || !(m[2] in SIZE_UNITS)) return null;
  const bytes = Math.round(Number(m[1]) * SIZE_UNITS[m[2]]);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** deploy.resources.limits.cpus ("0.5" or 0.5) to Docker NanoCpus. */
export function parseNanoCpus(input: unknown): number | null {
  const n =
    typeof input === "number"
      ? input
      : typeof input === "string" && /^\d+(\.\d+)?$/.test(input.trim())
        ? Number(input)
        : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  return Math.round(n * 1e9);
}
