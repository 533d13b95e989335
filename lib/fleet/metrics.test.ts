import { Gauge, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { containerRecord } from "@/lib/fleet/record-fixture";
import { containerSamples, fleetSamples } from "./metrics";
import { FleetStore } from "./store";

const rec = containerRecord;

// A host name an admin may type: quotes, a backslash and a newline must not break the text format.
const TRICKY = 'edge "eu"\\1\nb';

function fleet() {
  const store = new FleetStore({ container: () => {}, host: () => {} });
  store.addHost("h1", TRICKY);
  store.addHost("h2", "down-host");
  store.setHostStatus("h1", "up");
  store.setHostStatus("h2", "down");
  store.upsert(rec("a", "h1", { tenant: "tA" }));
  store.upsert(rec("b", "h1", { tenant: "tA", state: "exited" }));
  store.upsert(rec("c", "h1", { tenant: "gone" }));
  store.upsert(rec("d", "h1"));
  store.upsert(rec("e", "h2", { tenant: "tA" }));
  store.noteEvent("h1", 1_000_000, 1_000_250);
  return store;
}
const slugs = new Map([["tA", "acme"]]);
const slugOf = (id: string) => slugs.get(id);

describe("fleetSamples", () => {
  it("reads the store's per-host and per-tenant counters", () => {
    const s = fleetSamples(fleet(), slugOf);
    expect(s.hostUp.map((x) => [x.labels.host_id, x.value])).toEqual([
      ["h1", 1],
      ["h2", 0],
    ]);
    expect(s.hostContainers.filter((x) => x.labels.host_id === "h1").map((x) => x.value)).toEqual([3, 1]);
    expect(s.tenantContainers).toEqual([
      { labels: { host: TRICKY, host_id: "h1", tenant: "acme", state: "running" }, value: 1 },
      { labels: { host: TRICKY, host_id: "h1", tenant: "acme", state: "other" }, value: 1 },
      { labels: { host: "down-host", host_id: "h2", tenant: "acme", state: "running" }, value: 1 },
      { labels: { host: "down-host", host_id: "h2", tenant: "acme", state: "other" }, value: 0 },
    ]); // the deleted tenant "gone" has no series
    expect(s.eventLag).toEqual([{ labels: { host: TRICKY, host_id: "h1" }, value: 0.25 }]);
    expect(s.lastEvent).toEqual([{ labels: { host: TRICKY, host_id: "h1" }, value: 1000.25 }]);
  });

  it("gives one series per container only when asked for, tenant by slug", () => {
    const c = containerSamples(fleet(), slugOf);
    expect(c).toHaveLength(5);
    expect(c.find((x) => x.labels.container === "n-b")).toEqual({
      labels: { host: TRICKY, container: "n-b", tenant: "acme" },
      value: 0,
    });
    expect(c.find((x) => x.labels.container === "n-d")?.labels.tenant).toBe("");
  });

  it("escapes label values in the text format", async () => {
    const registry = new Registry();
    const g = new Gauge({
      name: "t_host_up",
      help: "h",
      labelNames: ["host", "host_id"],
      registers: [registry],
    });
    for (const x of fleetSamples(fleet(), slugOf).hostUp) g.set(x.labels, x.value);
    const text = await registry.metrics();
    expect(text).toContain('t_host_up{host="edge \\"eu\\"\\\\1\\nb",host_id="h1"} 1');
    expect(text.split("\n").filter((l) => l.startsWith("t_host_up"))).toHaveLength(2);
  });
});
