import { describe, expect, it } from "vitest";
import { BYTE_INCRS, byteTick } from "@/components/ops/axis-ticks";

describe("byte axis ticks", () => {
  it("steps by whole bytes in powers of two, so labels are round and distinct", () => {
    expect(BYTE_INCRS[0]).toBe(1);
    expect(BYTE_INCRS.every((v, i) => i === 0 || v > BYTE_INCRS[i - 1])).toBe(true);
    expect(BYTE_INCRS.every(Number.isInteger)).toBe(true);
    // The splits a chart up to 88 KiB gets (32 KiB apart): each label names its own value.
    const labels = [0, 32, 64].map((k) => byteTick(k * 1024));
    expect(labels).toEqual(["0 B", "32 KiB", "64 KiB"]);
    expect(new Set([0, 1, 2].map((v) => byteTick(v, "/s"))).size).toBe(3);
  });

  it("uses the unit the value reaches, exact at 1024ⁿ (no '1024.0 KiB')", () => {
    expect(byteTick(1024 ** 2)).toBe("1 MiB");
    expect(byteTick(1.5 * 1024 ** 3)).toBe("1.5 GiB");
    expect(byteTick(1023)).toBe("1023 B");
    expect(byteTick(512 * 1024 ** 2)).toBe("512 MiB");
  });
});
