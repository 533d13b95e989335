import { describe, expect, it } from "vitest";
import type { Ping } from "@/lib/docker/events";
import { StallWatchdog } from "./watchdog";

// The sweep's decisions, on a clock the test moves: when a quiet engine is pinged, when a ping counts as hung.
function setup() {
  let now = 0;
  const dog = new StallWatchdog(2_500, () => now);
  const pings: { answer(): void; fail(err: Error): void; aborted: boolean }[] = [];
  const stalls: Error[] = [];
  let heardAt = 0;
  const unwatch = dog.watch({
    heardAt: () => heardAt,
    ping: (): Ping => {
      const p = { answer: () => {}, fail: (_: Error) => {}, aborted: false };
      const answered = new Promise<void>((resolve, reject) =>
        Object.assign(p, { answer: resolve, fail: reject }),
      );
      pings.push(p);
      return { answered, abort: () => void (p.aborted = true) };
    },
    stall: (err) => stalls.push(err),
  });
  const at = (t: number) => {
    now = t;
    dog.sweep();
  };
  return { dog, pings, stalls, at, hear: (t: number) => (heardAt = t), unwatch };
}

const settle = () => new Promise((r) => setImmediate(r));

describe("StallWatchdog", () => {
  it("pings only once the stream has been quiet for an interval, and not again until the next one", async () => {
    const w = setup();
    w.at(1_000);
    w.hear(2_000);
    w.at(4_000);
    expect(w.pings).toHaveLength(0);
    w.at(4_500);
    expect(w.pings).toHaveLength(1);
    w.at(4_750);
    expect(w.pings).toHaveLength(1);
    w.pings[0].answer(); // at 4,750: the engine is alive then
    await settle();
    w.at(7_000);
    expect(w.pings).toHaveLength(1);
    w.at(7_250);
    expect(w.pings).toHaveLength(2);
    expect(w.stalls).toHaveLength(0);
    w.unwatch();
  });

  it("an event after an answered ping resets the quiet interval", async () => {
    const w = setup();
    w.at(2_500);
    w.pings[0].answer();
    await settle();
    w.hear(4_000);
    w.at(5_500);
    expect(w.pings).toHaveLength(1);
    w.at(6_500);
    expect(w.pings).toHaveLength(2);
    w.unwatch();
  });

  it("stalls, once, when a ping takes an interval, and drops it", () => {
    const w = setup();
    w.at(2_500);
    w.at(4_999);
    expect(w.stalls).toHaveLength(0);
    w.at(5_000);
    expect(w.stalls).toHaveLength(1);
    expect(w.stalls[0]).toMatchObject({ code: "ETIMEDOUT", message: "no answer to /_ping within 2500 ms" });
    expect(w.pings[0].aborted).toBe(true);
    expect(w.dog.size).toBe(0);
    w.at(10_000);
    expect(w.stalls).toHaveLength(1);
  });

  it("stalls with the ping's own error when it fails", async () => {
    const w = setup();
    w.at(2_500);
    w.pings[0].fail(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    await settle();
    expect(w.stalls.map((e) => e.message)).toEqual(["connect ECONNREFUSED"]);
    expect(w.dog.size).toBe(0);
  });

  it("after unwatch, neither pings nor stalls, and a late answer is ignored", async () => {
    const w = setup();
    w.at(2_500);
    w.unwatch();
    expect(w.pings[0].aborted).toBe(true);
    w.pings[0].fail(new Error("socket hang up"));
    await settle();
    w.at(20_000);
    expect(w.pings).toHaveLength(1);
    expect(w.stalls).toHaveLength(0);
  });
});
