// Seeded PRNG so simulator runs repeat: the same seed yields the same containers and the same
// sequence of lifecycle transitions, whatever the wall-clock timing of the event ticks.

export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `len` lowercase hex characters (ids, MACs, digests). */
  hex(len: number): string;
}

/** mulberry32: tiny, fast, good enough statistical quality for a load generator. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const u32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = (): number => u32() / 4294967296;
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    hex(len) {
      let s = "";
      while (s.length < len) s += u32().toString(16).padStart(8, "0");
      return s.slice(0, len);
    },
  };
}

/**
 * Derives independent sub-seeds (per engine, for the event stream) from one user seed, so engine i's
 * initial containers do not depend on how many engines run or on the event stream (FNV-1a 32-bit).
 */
export function hashSeed(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One extra avalanche round so seeds 1 and 2 do not give correlated first outputs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}
