import "server-only";
import { errorText } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { hostConnection } from "@/lib/docker/host-connection";
import { readStatsCounters, type StatsCounters } from "@/lib/docker/stats-reader";
import { getFleet } from "@/lib/fleet/service";
import {
  Buckets,
  containerSubject,
  MINUTE_STEP,
  pacer,
  passInterval,
  passRate,
  pointValues,
  TEN_MINUTE_STEP,
  totals,
  type ContainerSample,
  type Point,
} from "@/lib/ops/metrics-points";
import { pointWriter } from "@/lib/ops/metrics-rows";
import { mapLimit } from "@/lib/ops/usage-sampler";

// The metrics collector (docs/metrics.md "History"): every pass, one one-shot stats call per running container of
// every host that is up (at most PER_HOST at a time on one engine, HOSTS_AT_ONCE engines at a time), then one batch of
// rows. It reads the fleet cache for what to sample and never touches the followers: off the fleet's hot path.

/** In flight on one engine: 20.10 answers a one-shot call at its next 1 s collection tick, so 8 at once ≈ 8/s. */
const PER_HOST = 8;
const HOSTS_AT_ONCE = 64;

type Prev = { c: StatsCounters; atMs: number };
/** What a pass samples: each host that is up and its running containers (the fleet cache's owner-proved labels). */
export type SampleTarget = {
  hostId: string;
  containers: { id: string; tenant: string | null; app: string | null; service: string | null }[];
};

function upHosts(): SampleTarget[] {
  const out: SampleTarget[] = [];
  for (const h of getFleet().store.hosts.values()) {
    if (h.status.state !== "up") continue;
    const containers = [];
    for (const e of h.containers.values()) if (e.state === "running") containers.push(e);
    if (containers.length) out.push({ hostId: h.id, containers });
  }
  return out;
}

export class MetricsCollector {
  private readonly prev = new Map<string, Prev>();
  private readonly buckets = new Buckets();
  private lastPassS = 0;
  /** Each running container's last point: what /metrics exports per container (WHARF_METRICS_CONTAINERS=1). */
  latest: ContainerSample[] = [];
  /** Wharf CPU (ms) and calls of the last pass: bench:metrics and the docs' arithmetic. */
  last = { containers: 0, points: 0, cpuMs: 0, wallMs: 0, failed: 0 };

  constructor(
    private readonly targets: () => SampleTarget[] = upHosts,
    private readonly read: typeof readStatsCounters = readStatsCounters,
    private readonly connect: typeof hostConnection = hostConnection,
    /** false: calls at full speed (bench:metrics measures a pass's CPU, not its spread over 20 minutes). */
    private readonly paced = true,
  ) {}

  /** One pass at `nowMs`: samples, writes, returns the rows written. */
  async pass(nowMs = Date.now()): Promise<Point[]> {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const apps = await appTenants();
    const sinceS = this.lastPassS || Math.floor(nowMs / 1000) - 60;
    const restarts = await restartCounts(new Date(sinceS * 1000));
    const nowS = Math.floor(nowMs / 1000);
    const samples: ContainerSample[] = [];
    const points: Point[] = [];
    const seen = new Set<string>();
    let containers = 0;
    let failed = 0;
    const targets = this.targets();
    const inPass = targets.reduce((n, h) => n + h.containers.length, 0);
    const paced = this.paced ? pacer(passRate(inPass, config.metricsIntervalS)) : async () => {};
    await mapLimit(targets, HOSTS_AT_ONCE, async (h) => {
      containers += h.containers.length;
      let conn;
      try {
        conn = await this.connect(h.hostId);
      } catch {
        return; // host removed since
      }
      await mapLimit(h.containers, PER_HOST, async (e) => {
        const key = `${h.hostId}/${e.id}`;
        seen.add(key);
        let cur: StatsCounters;
        try {
          await paced();
          cur = await this.read(conn, e.id);
        } catch {
          failed++; // gone since the cache saw it, or the engine is slow: no point this pass
          return;
        }
        const at = Date.now();
        const p = this.prev.get(key);
        this.prev.set(key, { c: cur, atMs: at });
        if (!p) return;
        const v = pointValues(p.c, cur, (at - p.atMs) / 1000, restarts.get(key) ?? 0);
        if (!v) return;
        const app = e.app ? apps.get(e.app) : undefined;
        samples.push({
          ...v,
          hostId: h.hostId,
          containerId: e.id,
          tenantId: e.tenant,
          appId: app ? e.app : null,
          appTenantId: app ?? null,
          service: e.service,
        });
        points.push({
          kind: "container",
          subject: containerSubject(h.hostId, e.id),
          step: 0,
          at: nowS,
          tenantId: e.tenant,
          ...v,
        });
      });
    });
    for (const k of this.prev.keys()) if (!seen.has(k)) this.prev.delete(k);
    const step = Math.max(1, this.lastPassS ? nowS - this.lastPassS : config.metricsIntervalS);
    for (const p of points) p.step = Math.round(step);
    for (const t of totals(samples))
      for (const s of [MINUTE_STEP, TEN_MINUTE_STEP])
        points.push(this.buckets.add(t.kind, t.subject, t.tenantId, s, nowS, t.v));
    this.buckets.prune(nowS);
    this.lastPassS = nowS;
    this.latest = samples;
    // With WHARF_PROMETHEUS_URL the history lives in that Prometheus (it scrapes `latest` from /metrics).
    if (!config.prometheusUrl) await writeWithRetry(points);
    const cpu = process.cpuUsage(cpu0);
    this.last = {
      containers,
      points: points.length,
      cpuMs: (cpu.user + cpu.system) / 1000,
      wallMs: performance.now() - t0,
      failed,
    };
    return points;
  }

  /** Seconds until the next pass: the configured interval, stretched with the fleet (lib/ops/metrics-points). */
  nextIntervalS(): number {
    return passInterval(this.last.containers, config.metricsIntervalS);
  }
}

async function writeWithRetry(points: Point[]) {
  // Chunked, each chunk retried while the database is busy (lib/ops/metrics-rows.ts); a pass not written whole is
  // never taken for the latest one.
  if (!(await pointWriter().write(points)))
    console.warn(`[wharf] metrics: the database stayed busy, the rest of ${points.length} points dropped`);
}

/** App id → its tenant, from Wharf's own rows: an app label counts only when the app exists. */
async function appTenants(): Promise<Map<string, string>> {
  const rows = await db.app.findMany({ select: { id: true, project: { select: { tenantId: true } } } });
  return new Map(rows.map((r) => [r.id, r.project.tenantId]));
}

/** Restarts per "<hostId>/<containerId>" since `since`, from the stored fleet events. */
async function restartCounts(since: Date): Promise<Map<string, number>> {
  const rows = await db.fleetEvent.groupBy({
    by: ["hostId", "containerId"],
    where: { type: "restart", at: { gte: since } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [`${r.hostId}/${r.containerId}`, r._count._all]));
}

declare global {
  var wharfMetricsCollector: { collector: MetricsCollector; timer: NodeJS.Timeout | null } | undefined;
}

/** The running collector's last samples (none when it is off). */
export const latestSamples = (): ContainerSample[] =>
  globalThis.wharfMetricsCollector?.collector.latest ?? [];

/** Startup hook: the pass loop and the hourly retention, unless WHARF_METRICS_COLLECT=0. */
export function startMetricsCollector() {
  if (!config.metricsCollect || globalThis.wharfMetricsCollector) return;
  const state: { collector: MetricsCollector; timer: NodeJS.Timeout | null } = {
    collector: new MetricsCollector(),
    timer: null,
  };
  globalThis.wharfMetricsCollector = state;
  let lastPrune = 0;
  const loop = async () => {
    try {
      await state.collector.pass();
      if (Date.now() - lastPrune > 3_600_000) {
        lastPrune = Date.now();
        await pointWriter().prune(Math.floor(Date.now() / 1000));
      }
    } catch (err) {
      console.error(`[wharf] metrics: pass failed: ${errorText(err)}`);
    }
    // The interval runs from start to start: a paced pass takes most of it.
    const waitMs = state.collector.nextIntervalS() * 1000 - state.collector.last.wallMs;
    state.timer = setTimeout(() => void loop(), Math.max(1000, waitMs));
    state.timer.unref();
  };
  state.timer = setTimeout(() => void loop(), 1000);
  state.timer.unref();
}
