import { afterEach, describe, expect, it, vi } from "vitest";
import { keepViewsWarm } from "./warm-views";

afterEach(() => void vi.useRealTimers());
const fakeTimers = () =>
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate"] });

describe("keepViewsWarm", () => {
  it("runs the store's steps one per macrotask each round, and stops on demand", async () => {
    fakeTimers();
    const log: string[] = [];
    let rounds = 0;
    const store = {
      warmSteps: () => (rounds++, ["a", "b", "c"].map((s) => () => void log.push(s))),
    };
    const stop = keepViewsWarm(store, 1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(["a"]); // the rest waits for later macrotasks
    await vi.advanceTimersByTimeAsync(10);
    expect(log).toEqual(["a", "b", "c"]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(rounds).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(rounds).toBe(3);
  });

  it("spaces the rounds when they grow costly, to keep its share of the loop", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date"] });
    const t0 = Date.now();
    let clock = 0;
    let stepMs = 5;
    const starts: number[] = [];
    const store = {
      warmSteps: () => {
        starts.push(Date.now() - t0);
        return [1, 2, 3, 4].map(() => () => void (clock += stepMs));
      },
    };
    const stop = keepViewsWarm(store, 1000, () => clock);
    await vi.advanceTimersByTimeAsync(1010);
    stepMs = 25; // a round of 100 ms: next one 3,900 ms after it ends
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(5000);
    stepMs = 250; // a round of a second (first builds): the pause is capped at 5 s
    await vi.advanceTimersByTimeAsync(15_000);
    stop();
    // 20 ms of work kept the 1 s cadence; after the 100 ms round the next starts 3.9 s later (each step's
    // macrotask adds a fake millisecond).
    const gaps = [starts[1] - starts[0], starts[2] - starts[1], starts[4] - starts[3]];
    expect(gaps[0]).toBeGreaterThanOrEqual(1000);
    expect(gaps[0]).toBeLessThan(1010);
    expect(gaps[1]).toBeGreaterThanOrEqual(3900);
    expect(gaps[1]).toBeLessThan(3910);
    expect(gaps[2]).toBeGreaterThanOrEqual(5000);
    expect(gaps[2]).toBeLessThan(5010);
  });

  it("does not keep the process alive", () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const stop = keepViewsWarm({ warmSteps: () => [] });
    const timer = spy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    spy.mockRestore();
  });
});
