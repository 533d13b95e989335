import { describe, expect, it } from "vitest";
import { retryAfterSeconds } from "./throttle-window";

describe("retryAfterSeconds", () => {
  it("lets an attempt go ahead while fewer failures than the limit are inside the window", () => {
    expect(retryAfterSeconds(null, 60_000, 5_000)).toBe(0);
  });

  it("waits until the limit-th newest failure leaves the window, rounded up, at least 1 s", () => {
    expect(retryAfterSeconds(new Date(1_000), 60_000, 2_000)).toBe(59);
    expect(retryAfterSeconds(new Date(1_000), 60_000, 60_500)).toBe(1);
    expect(retryAfterSeconds(new Date(1_000), 60_000, 60_999)).toBe(1);
  });
});
