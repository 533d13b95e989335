// Time helpers matching the engine's formats (Go's RFC3339Nano, units.HumanDuration, event `since`).
import { HttpError } from "./filters";

// Date.now() only has ms resolution; anchor it once and add monotonic hrtime deltas so event
// timeNano values are integer nanoseconds that never go backwards.
const anchorWallNs = BigInt(Date.now()) * 1_000_000n;
const anchorHr = process.hrtime.bigint();

export function nowNs(): bigint {
  return anchorWallNs + (process.hrtime.bigint() - anchorHr);
}

export const NS_PER_S = 1_000_000_000n;

/** Go's time.Format(RFC3339Nano): trailing zeros of the fraction trimmed; zero time is year 1. */
export function rfc3339Nano(ns: bigint): string {
  if (ns === 0n) return "0001-01-01T00:00:00Z";
  const base = new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19);
  const frac = (ns % NS_PER_S).toString().padStart(9, "0").replace(/0+$/, "");
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}

/** github.com/docker/go-units HumanDuration, used in the list's Status ("Up 5 minutes"). */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 1) return "Less than a second";
  if (s === 1) return "1 second";
  if (s < 60) return `${s} seconds`;
  const minutes = Math.floor(s / 60);
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(seconds / 3600 + 0.5);
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(seconds / 3600 / 24 / 365)} years`;
}

/**
 * The engine's `since`/`until` parsing (timetypes.ParseTimestamps): "<seconds>[.<fraction>]".
 * Returns null when absent (engine: zero time). Parse errors are 500s on the engine, so here too.
 */
export function parseEventTime(value: string | null): bigint | null {
  if (value === null || value === "") return null;
  const dot = value.indexOf(".");
  const secPart = dot < 0 ? value : value.slice(0, dot);
  if (!/^[+-]?\d+$/.test(secPart)) {
    throw new HttpError(500, `strconv.ParseInt: parsing "${secPart}": invalid syntax`);
  }
  if (dot < 0 && BigInt(secPart) === -1n) return null; // the engine's "unset" default
  let ns = BigInt(secPart) * NS_PER_S;
  if (dot >= 0) {
    const frac = value.slice(dot + 1);
    if (!/^\d+$/.test(frac)) throw new HttpError(500, `strconv.ParseInt: parsing "${frac}": invalid syntax`);
    // Scale the fraction to nanoseconds whatever its number of digits (Go does the same via float).
    ns +=
      frac.length <= 9
        ? BigInt(frac) * 10n ** BigInt(9 - frac.length)
        : BigInt(frac) / 10n ** BigInt(frac.length - 9);
  }
  return ns;
}
