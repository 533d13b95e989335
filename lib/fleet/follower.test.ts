import { describe, expect, it } from "vitest";
import { BACKOFF_MAX_MS, backoffDelay } from "./follower";

describe("backoffDelay", () => {
  it("grows exponentially with full jitter and a cap", () => {
    expect(backoffDelay(0, () => 0)).toBe(125);
    expect(backoffDelay(0, () => 1)).toBe(250);
    expect(backoffDelay(3, () => 1)).toBe(2000);
    expect(backoffDelay(20, () => 1)).toBe(BACKOFF_MAX_MS);
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_MAX_MS / 2);
  });
});
