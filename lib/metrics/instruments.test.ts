import { describe, expect, it } from "vitest";
import { timed } from "./instruments";

describe("timed", () => {
  const recorder = () => {
    const seen: { labels: Record<string, string>; seconds: number }[] = [];
    return {
      seen,
      observe: (labels: Record<string, string>, seconds: number) => seen.push({ labels, seconds }),
    };
  };

  it("records the outcome the result names", async () => {
    const h = recorder();
    await timed(
      h,
      { mode: "swarm" },
      async () => ({ changed: false }),
      (r) => (r.changed ? "succeeded" : "unchanged"),
    );
    expect(h.seen).toEqual([
      { labels: { mode: "swarm", outcome: "unchanged" }, seconds: expect.any(Number) },
    ]);
  });

  it("records a throw as failed and rethrows it", async () => {
    const h = recorder();
    await expect(timed(h, {}, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(h.seen.map((s) => s.labels.outcome)).toEqual(["failed"]);
    expect(h.seen[0].seconds).toBeGreaterThanOrEqual(0);
  });
});
