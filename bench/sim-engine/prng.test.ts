import { describe, expect, it } from "vitest";
import { hashSeed, mulberry32 } from "./prng";

describe("prng", () => {
  it("repeats the same sequence for the same seed", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const seqA = Array.from({ length: 100 }, () => a.next());
    const seqB = Array.from({ length: 100 }, () => b.next());
    expect(seqA).toEqual(seqB);
    expect(mulberry32(7).hex(64)).toBe(mulberry32(7).hex(64));
  });

  it("differs across seeds and stays in range", () => {
    expect(mulberry32(1).next()).not.toBe(mulberry32(2).next());
    const r = mulberry32(3);
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      const n = r.int(7);
      expect(Number.isInteger(n) && n >= 0 && n < 7).toBe(true);
    }
  });

  it("produces hex ids of the requested length", () => {
    const id = mulberry32(9).hex(64);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("derives stable, distinct sub-seeds", () => {
    expect(hashSeed(1, "engine", 0)).toBe(hashSeed(1, "engine", 0));
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => hashSeed(1, "engine", i)));
    expect(seeds.size).toBe(1000);
    expect(hashSeed(1, "engine", 1)).not.toBe(hashSeed(2, "engine", 1));
  });
});
