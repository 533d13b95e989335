import { describe, expect, it } from "vitest";
import type { ContainerRecord } from "@/lib/docker/containers";
import { containerRecord } from "@/lib/fleet/record-fixture";
import { COALESCE_MAX_MS, COALESCE_MS, coalesceMs, FleetBus, type FleetBatch } from "./bus";
import { FleetStore } from "./store";

const rec = (id: string, state: ContainerRecord["state"] = "running") =>
  containerRecord(id, "h1", { name: id, state });

function setup() {
  const bus = new FleetBus();
  const store = new FleetStore(bus);
  const batches: { at: number; batch: FleetBatch }[] = [];
  bus.subscribe((batch) => batches.push({ at: performance.now(), batch }));
  store.addHost("h1", "one");
  store.setHostStatus("h1", "up");
  return { bus, store, batches };
}
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("FleetBus", () => {
  it("sends a lone change on the next turn, without waiting for the batch window", async () => {
    const { store, batches } = setup();
    await tick(30);
    batches.length = 0;
    const t0 = performance.now();
    store.upsert(rec("a"));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    expect(batches[0].at - t0).toBeLessThan(15);
  });

  it("coalesces a burst, keeping each container's latest state once", async () => {
    const { store, batches } = setup();
    await tick(30);
    batches.length = 0;
    store.upsert(rec("a"));
    await new Promise((r) => setImmediate(r));
    for (let i = 0; i < 50; i++) store.upsert(rec("b", i % 2 ? "exited" : "running"));
    store.upsert(rec("c"));
    await tick(40);
    expect(batches).toHaveLength(2);
    const second = batches[1].batch.changes.map((c) => JSON.parse(c.payload));
    expect(second.map((c) => c.c.id)).toEqual(["b", "c"]);
    expect(second[0].c.state).toBe("exited");
    expect(second[0].c.search).toBeUndefined();
  });
});

describe("FleetBatch.shared", () => {
  it("computes a value once per batch for every stream that asks", async () => {
    const { store, batches } = setup();
    await tick(30);
    batches.length = 0;
    store.upsert(rec("a"));
    await tick(5);
    let made = 0;
    const b = batches[0].batch;
    const one = b.shared("k", () => ({ n: ++made }));
    expect(b.shared("k", () => ({ n: ++made }))).toBe(one);
    expect(made).toBe(1);
  });
});

describe("coalesceMs", () => {
  it("keeps the 20 ms window for a few hundred streams and widens it to 30 ms at 1,000 and more", () => {
    expect(coalesceMs(0)).toBe(COALESCE_MS);
    expect(coalesceMs(250)).toBe(COALESCE_MS);
    expect(coalesceMs(625)).toBeCloseTo((COALESCE_MS + COALESCE_MAX_MS) / 2);
    expect(coalesceMs(1000)).toBe(COALESCE_MAX_MS);
    expect(coalesceMs(5000)).toBe(COALESCE_MAX_MS);
    for (let n = 0; n < 1500; n += 50) expect(coalesceMs(n + 50)).toBeGreaterThanOrEqual(coalesceMs(n));
  });
});
