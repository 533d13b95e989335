import { describe, expect, it } from "vitest";
import { FailureThrottle } from "./throttle";

describe("FailureThrottle", () => {
  it("allows ten failures and throttles the eleventh attempt", () => {
    const t = new FailureThrottle(10, 60_000);
    for (let i = 0; i < 10; i++) {
      expect(t.retryAfter("a", 1000 + i)).toBe(0);
      t.fail("a", 1000 + i);
    }
    expect(t.retryAfter("a", 2000)).toBeGreaterThan(0);
    expect(t.retryAfter("b", 2000)).toBe(0);
  });

  it("forgets failures once the window has passed, and on reset", () => {
    const t = new FailureThrottle(2, 1000);
    t.fail("a", 0);
    t.fail("a", 10);
    expect(t.retryAfter("a", 500)).toBe(1);
    expect(t.retryAfter("a", 1011)).toBe(0);
    t.fail("a", 1100);
    t.fail("a", 1101);
    t.reset("a");
    expect(t.retryAfter("a", 1102)).toBe(0);
  });
});
