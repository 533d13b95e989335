import { afterEach, describe, expect, it, vi } from "vitest";
import { everyStreamPeriod, openStreamCount, recheckStreamsOf, watchStream } from "./live-streams";

describe("live streams", () => {
  it("closes, with the reason, only the user's streams whose check fails", async () => {
    const closed: string[] = [];
    let allowed = true;
    const stopA = watchStream({
      userId: "u1",
      check: async () => {
        if (!allowed) throw new Error("Container not found");
      },
      close: (r) => closed.push(`a: ${r}`),
    });
    watchStream({ userId: "u1", check: async () => true, close: (r) => closed.push(`b: ${r}`) });
    watchStream({
      userId: "u2",
      check: async () => {
        throw new Error("never checked");
      },
      close: (r) => closed.push(`c: ${r}`),
    });
    await recheckStreamsOf("u1", "your membership was removed");
    expect(closed).toEqual([]);
    allowed = false;
    await recheckStreamsOf("u1", "your membership was removed");
    expect(closed).toEqual(["a: your membership was removed (Container not found)"]);
    expect(openStreamCount("u1")).toBe(1); // the closed stream is forgotten; b stays
    await recheckStreamsOf("u1", "again");
    expect(closed).toHaveLength(1);
    stopA();
    expect(openStreamCount("u2")).toBe(1);
  });

  describe("periodic checks", () => {
    afterEach(() => vi.useRealTimers());

    it("start at a random point of the period, then run once a period until stopped", () => {
      vi.useFakeTimers();
      const runs: number[][] = [[], [], []];
      const random = vi.spyOn(Math, "random");
      const stops = [0.1, 0.5, 0.9].map((r, i) => {
        random.mockReturnValueOnce(r);
        return everyStreamPeriod(() => runs[i]!.push(Date.now()), 1_000);
      });
      random.mockRestore();
      const t0 = Date.now();
      vi.advanceTimersByTime(2_999);
      // Three streams opened in the same tick check at three different moments, each once a period.
      expect(runs.map((r) => r.map((t) => t - t0))).toEqual([
        [100, 1_100, 2_100],
        [500, 1_500, 2_500],
        [900, 1_900, 2_900],
      ]);
      stops.forEach((stop) => stop());
      vi.advanceTimersByTime(5_000);
      expect(runs.flat()).toHaveLength(9);
    });
  });
});
