import { describe, expect, it } from "vitest";
import { EventBus } from "./events";
import { Driver, step, type SimEngine } from "./lifecycle";
import { mulberry32 } from "./prng";
import { EngineState } from "./state";

const NOW = 1_800_000_000n * 1_000_000_000n;
const OPTS = { labelFraction: 0.5, tenants: 4 };

function engines(n: number, m: number, seed: number): SimEngine[] {
  return Array.from({ length: n }, (_, i) => {
    const state = new EngineState(i, seed, OPTS);
    state.populate(m, NOW);
    return { state, bus: new EventBus(1000) };
  });
}

/** (engine, action, container name) of every event, in order. */
function trace(es: SimEngine[]): string[] {
  return es
    .flatMap((e) => [...e.bus.all()].map((ev) => ({ ev, i: e.state.index })))
    .sort((a, b) => (a.ev.timeNano < b.ev.timeNano ? -1 : 1))
    .map(({ ev, i }) => `${i}:${ev.action}:${ev.c.name}`);
}

describe("EngineState", () => {
  it("populates the same containers for the same seed, independent of engine count", () => {
    const a = engines(3, 20, 5);
    const b = engines(1, 20, 5);
    expect(a[0].state.containers.map((c) => [c.id, c.name, c.state, c.labels])).toEqual(
      b[0].state.containers.map((c) => [c.id, c.name, c.state, c.labels]),
    );
    expect(engines(1, 20, 6)[0].state.containers[0].id).not.toBe(a[0].state.containers[0].id);
  });

  it("labels about labelFraction of containers with the wharf.* scoping labels", () => {
    const all = engines(10, 100, 1).flatMap((e) => e.state.containers);
    const labelled = all.filter((c) => c.labels["wharf.tenant"]);
    expect(labelled.length / all.length).toBeGreaterThan(0.4);
    expect(labelled.length / all.length).toBeLessThan(0.6);
    for (const c of labelled) {
      expect(c.labels["wharf.tenant"]).toMatch(/^t[0-3]$/);
      expect(Object.keys(c.labels)).toEqual(["wharf.app", "wharf.project", "wharf.service", "wharf.tenant"]);
    }
  });

  it("applies start/die/remove transitions", () => {
    const s = new EngineState(0, 1, OPTS);
    const c = s.create(
      { name: "x", image: "redis:7", cmd: ["redis-server"], ports: [{ priv: 6379, pub: 0, type: "tcp" }] },
      NOW,
    );
    expect(c.state).toBe("created");
    s.start(c, NOW + 1n);
    expect([c.state, c.pid > 0, c.ip !== "", c.ports[0].pub >= 32768]).toEqual(["running", true, true, true]);
    s.die(c, 137, NOW + 2n, true);
    expect([c.state, c.pid, c.exitCode, c.oomKilled, c.finishedAt, c.ports[0].pub]).toEqual([
      "exited",
      0,
      137,
      true,
      NOW + 2n,
      0,
    ]);
    expect(s.counts()).toEqual({ running: 0, paused: 0, stopped: 1 });
    s.remove(c);
    expect(s.containers).toHaveLength(0);
    expect(s.find(c.id)).toBeUndefined();
  });

  it("finds by id, name (with or without /) and unique prefix", () => {
    const s = new EngineState(0, 1, OPTS);
    const c = s.create({ name: "web", image: "nginx:1.25", cmd: ["nginx"] }, NOW);
    expect(s.find(c.id)).toBe(c);
    expect(s.find("web")).toBe(c);
    expect(s.find("/web")).toBe(c);
    expect(s.find(c.id.slice(0, 5))).toBe(c);
    expect(s.find("zz")).toBeUndefined();
    for (let i = 0; i < 40; i++) s.create({ name: `n${i}`, image: "nginx:1.25", cmd: ["nginx"] }, NOW);
    const firstHex = s.containers.filter((x) => x.id[0] === c.id[0]);
    if (firstHex.length > 1) expect(s.find(c.id[0])).toBe("ambiguous");
  });
});

describe("lifecycle", () => {
  it("keeps the container count at M and re-lists agree with each event", () => {
    const [e] = engines(1, 30, 2);
    const rng = mulberry32(1);
    for (let i = 0; i < 2000; i++) {
      const before = e.bus.emitted;
      step(e, rng);
      expect(e.state.containers).toHaveLength(30);
      // The last event's container is already in the state it announces.
      const last = [...e.bus.all()].at(-1)!;
      expect(e.bus.emitted).toBeGreaterThan(before);
      const expected: Record<string, string | undefined> = {
        start: "running",
        die: "exited",
        stop: "exited",
        create: "created",
        destroy: undefined,
      };
      const found = e.state.find(last.c.id);
      expect(found === undefined ? undefined : (found as { state: string }).state).toBe(
        expected[last.action],
      );
    }
  });

  it("produces the same event sequence for the same seed, whatever the batching", () => {
    const a = engines(4, 10, 3);
    const b = engines(4, 10, 3);
    const da = new Driver(a, 3, 0);
    const db = new Driver(b, 3, 0);
    da.steps(200);
    for (let i = 0; i < 200; i++) db.steps(1);
    expect(trace(a)).toEqual(trace(b));
    expect(trace(a).length).toBeGreaterThanOrEqual(200);
    const c = engines(4, 10, 4);
    new Driver(c, 4, 0).steps(200);
    expect(trace(c)).not.toEqual(trace(a));
  });

  it("emits roughly the configured rate from its timer", async () => {
    const es = engines(5, 10, 1);
    const d = new Driver(es, 1, 500, 5);
    d.start();
    await new Promise((r) => setTimeout(r, 400));
    d.stop();
    expect(d.emitted).toBeGreaterThan(120);
    expect(d.emitted).toBeLessThan(260);
    d.setRate(0);
  });
});
