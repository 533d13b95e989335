import "server-only";
import { Gauge } from "prom-client";
import { db } from "@/lib/db";
import { getFleet } from "@/lib/fleet/service";
import type { FleetStore } from "@/lib/fleet/store";
import { instruments } from "@/lib/metrics/instruments";
import { latestSamples } from "@/lib/ops/metrics-collector";
import type { ContainerSample } from "@/lib/ops/metrics-points";

/**
 * The fleet's figures for /metrics, read from the fleet cache when Prometheus scrapes: the per-host and per-tenant
 * counters the store keeps incrementally, so a scrape costs O(hosts × tenants on each), not O(containers). The
 * per-container series (one per container, 100,000 at scale) only when WHARF_METRICS_CONTAINERS=1.
 */
export type FleetMetricsOptions = { perContainer: boolean };

type Sample = { labels: Record<string, string>; value: number };

/** What one scrape reports, computed in one pass over the store (pure, so it is tested without a registry). */
export function fleetSamples(store: FleetStore, tenantSlug: (id: string) => string | undefined) {
  const hostUp: Sample[] = [];
  const hostContainers: Sample[] = [];
  const tenantContainers: Sample[] = [];
  const eventLag: Sample[] = [];
  const lastEvent: Sample[] = [];
  for (const h of store.hosts.values()) {
    const host = { host: h.name, host_id: h.id };
    hostUp.push({ labels: host, value: h.status.state === "up" ? 1 : 0 });
    hostContainers.push({ labels: { ...host, state: "running" }, value: h.counts.running });
    hostContainers.push({ labels: { ...host, state: "other" }, value: h.counts.total - h.counts.running });
    for (const [tenantId, c] of h.tenantCounts) {
      const tenant = tenantSlug(tenantId);
      if (tenant === undefined) continue; // a deleted tenant's leftovers: no series under a stale name
      tenantContainers.push({ labels: { ...host, tenant, state: "running" }, value: c.running });
      tenantContainers.push({ labels: { ...host, tenant, state: "other" }, value: c.total - c.running });
    }
    if (h.lastEvent) {
      eventLag.push({ labels: host, value: h.lastEvent.lagMs / 1000 });
      lastEvent.push({ labels: host, value: h.lastEvent.at / 1000 });
    }
  }
  return { hostUp, hostContainers, tenantContainers, eventLag, lastEvent };
}

/** One sample per container: 1 when running (or paused or restarting), else 0. */
export function containerSamples(
  store: FleetStore,
  tenantSlug: (id: string) => string | undefined,
): Sample[] {
  const out: Sample[] = [];
  for (const h of store.hosts.values())
    for (const c of h.containers.values())
      out.push({
        labels: {
          host: h.name,
          container: c.name,
          tenant: (c.tenant && tenantSlug(c.tenant)) ?? "",
        },
        value: c.state === "running" || c.state === "paused" || c.state === "restarting" ? 1 : 0,
      });
  return out;
}

/**
 * A gauge whose samples are read when scraped, handed to the registry as they are: the store already holds the
 * figures, so setting them one by one into a gauge (hashing each label set) only doubled a scrape's cost.
 */
class SnapshotGauge extends Gauge {
  constructor(
    config: ConstructorParameters<typeof Gauge<string>>[0],
    private readonly read: () => Promise<Sample[]>,
  ) {
    super(config);
  }

  override async get() {
    // Nothing is ever set on this gauge, so the base answer is only its name, help and type: cheap.
    const [base, values] = await Promise.all([super.get(), this.read()]);
    return { ...base, values };
  }
}

declare global {
  var wharfFleetMetrics: boolean | undefined;
}

/** Adds the fleet's gauges to the registry once per process; each reads the cache when scraped. */
export function registerFleetMetrics(opts: FleetMetricsOptions) {
  if (globalThis.wharfFleetMetrics) return;
  globalThis.wharfFleetMetrics = true;
  const registers = [instruments().registry];
  let scrape: Promise<ReturnType<typeof fleetSamples> & { containers: Sample[] }> | null = null;
  // All gauges of one scrape share one pass over the store and one tenant lookup.
  const current = () =>
    (scrape ??= (async () => {
      const tenants = await db.tenant.findMany({ select: { id: true, slug: true } });
      const slugs = new Map(tenants.map((t) => [t.id, t.slug]));
      const store = getFleet().store;
      const samples = fleetSamples(store, (id) => slugs.get(id));
      const containers = opts.perContainer ? containerSamples(store, (id) => slugs.get(id)) : [];
      setImmediate(() => (scrape = null));
      return { ...samples, containers };
    })());

  const gauge = (
    name: string,
    help: string,
    labelNames: string[],
    pick: (s: Awaited<ReturnType<typeof current>>) => Sample[],
  ) => new SnapshotGauge({ name, help, labelNames, registers }, async () => pick(await current()));
  const host = ["host", "host_id"];
  gauge("wharf_host_up", "1 when Wharf follows the host's engine events, else 0", host, (s) => s.hostUp);
  gauge(
    "wharf_host_containers",
    "Containers on the host (last known when it is not up), by state: running (or paused, restarting), other",
    [...host, "state"],
    (s) => s.hostContainers,
  );
  gauge(
    "wharf_tenant_containers",
    "A tenant's containers on a host (Wharf's proven ownership labels), by state: running, other",
    [...host, "tenant", "state"],
    (s) => s.tenantContainers,
  );
  gauge(
    "wharf_host_event_lag_seconds",
    "How long after the engine stamped it the last engine event was applied (includes clock skew)",
    host,
    (s) => s.eventLag,
  );
  gauge(
    "wharf_host_last_event_timestamp_seconds",
    "When the last engine event of the host was applied (Unix time): alert on time() minus this",
    host,
    (s) => s.lastEvent,
  );
  if (opts.perContainer) usageGauges(registers);
  if (opts.perContainer)
    gauge(
      "wharf_container_running",
      "Per container (WHARF_METRICS_CONTAINERS=1): 1 when running, paused or restarting, else 0",
      ["host", "tenant", "container"],
      (s) => s.containers,
    );
}

/** The usage series Wharf's charts query in Prometheus mode (lib/ops/metrics-prometheus.ts): `tenant_id` is the App
 * row's tenant for an app's container, else the owner-proved label; ids only, so a rename keeps the series. */
export const USAGE_SERIES: { name: string; help: string; pick: (s: ContainerSample) => number }[] = [
  { name: "wharf_container_cpu_percent", help: "CPU, % of one core", pick: (s) => s.cpu / 100 },
  { name: "wharf_container_memory_bytes", help: "Memory, page cache excluded", pick: (s) => s.mem },
  {
    name: "wharf_container_network_receive_bytes_per_second",
    help: "Network received",
    pick: (s) => s.netRx,
  },
  { name: "wharf_container_network_transmit_bytes_per_second", help: "Network sent", pick: (s) => s.netTx },
  { name: "wharf_container_block_read_bytes_per_second", help: "Block I/O read", pick: (s) => s.blkRead },
  {
    name: "wharf_container_block_write_bytes_per_second",
    help: "Block I/O written",
    pick: (s) => s.blkWrite,
  },
  {
    name: "wharf_container_restarts",
    help: "Restarts seen in the collector's last pass",
    pick: (s) => s.restarts,
  },
];

export const usageLabels = (s: ContainerSample) => ({
  host_id: s.hostId,
  container_id: s.containerId,
  tenant_id: s.appTenantId ?? s.tenantId ?? "",
  app_id: s.appId ?? "",
  service: (s.appId && s.service) || "",
});

function usageGauges(registers: ReturnType<typeof instruments>["registry"][]) {
  for (const u of USAGE_SERIES)
    new SnapshotGauge(
      {
        name: u.name,
        help: `Per container (WHARF_METRICS_CONTAINERS=1, from the metrics collector's last pass): ${u.help}`,
        labelNames: ["host_id", "container_id", "tenant_id", "app_id", "service"],
        registers,
      },
      async () => latestSamples().map((s) => ({ labels: usageLabels(s), value: u.pick(s) })),
    );
}
