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

  it("does not keep the process alive", () => {
    const spy = vi.spyOn(globalThis, "setTimeout");
    const stop = keepViewsWarm({ warmSteps: () => [] });
    const timer = spy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    stop();
    spy.mockRestore();
  });
});
