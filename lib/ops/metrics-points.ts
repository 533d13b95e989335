// Metrics history, the pure part: counters → a container's point, points → totals, totals → downsampled buckets,
// what each range reads and what retention deletes. lib/ops/metrics-collector.ts does the I/O. docs/metrics.md.
import type { StatsCounters } from "@/lib/docker/stats-reader";
import type { MetricRange } from "@/lib/validations/metrics-history";

export type MetricKind = "container" | "app" | "host" | "tenant" | "cluster" | "service";
/** An app service's subject (a Swarm service's tasks, or a compose service's replicas). */
export const serviceSubject = (appId: string, service: string) => `${appId}/${service}`;
/** One row of MetricPoint as the collector writes it (integers; bigints only at the database boundary). */
export type Point = {
  kind: MetricKind;
  subject: string;
  step: number;
  at: number;
  tenantId: string | null;
  cpu: number;
  mem: number;
  netRx: number;
  netTx: number;
  blkRead: number;
  blkWrite: number;
  restarts: number;
};
export type Values = Pick<Point, "cpu" | "mem" | "netRx" | "netTx" | "blkRead" | "blkWrite" | "restarts">;
export const VALUE_KEYS = ["cpu", "mem", "netRx", "netTx", "blkRead", "blkWrite", "restarts"] as const;

/** A container's subject: its host and the 12-character short id (the full id in both indexes cost ~100 B a row). */
export const containerSubject = (hostId: string, containerId: string) =>
  `${hostId}/${containerId.slice(0, 12)}`;

export const MINUTE_STEP = 60;
export const TEN_MINUTE_STEP = 600;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** How long each kind of point is kept, in seconds. */
export const RETENTION = { container: DAY, minute: 7 * DAY, tenMinute: 90 * DAY } as const;

/** Wharf's CPU per sample, ms, rounded up from bench/stats-cost.ts and bench:metrics (docs/metrics.md). */
export const SAMPLE_CPU_MS = 1;
/** The collector's CPU budget: 10 % of one core. */
export const CPU_BUDGET = 0.1;
/** Bytes a container point adds to SQLite, indexes included (bench:metrics, docs/metrics.md), and the daily budget. */
export const POINT_BYTES = 184;
export const DAILY_BYTES = 1024 ** 3;

/**
 * Seconds between two passes: the configured interval, stretched so that one pass's CPU (containers × the cost per
 * sample) stays within 10 % of a core and a day's container points within 1 GiB. 1,000 containers: 60 s (the CPU
 * needs 10 s, the storage 15 s); 100,000: 1,481 s (storage; CPU alone would allow 1,000 s).
 */
export function passInterval(containers: number, configuredS: number): number {
  const cpu = (containers * SAMPLE_CPU_MS) / 1000 / CPU_BUDGET;
  const storage = (containers * 86_400 * POINT_BYTES) / DAILY_BYTES;
  return Math.max(configuredS, Math.ceil(Math.max(cpu, storage)));
}

/**
 * Calls a second for a pass over `containers`: spread over most of the interval, so the collector costs its budget
 * evenly instead of a burst of a whole core (bench:scale: a 100,000-container pass at full speed stalled the event
 * fan-out for a minute). At least 50 a second, so a small fleet's pass stays short.
 */
export function passRate(containers: number, configuredS: number): number {
  return Math.max(50, containers / (passInterval(containers, configuredS) * 0.8));
}

/** Hands out evenly spaced start times at `perSecond`; callers wait for theirs (each call gets the next slot). */
export function pacer(perSecond: number, now: () => number = Date.now) {
  let next = 0;
  return async () => {
    const t = now();
    const slot = Math.max(t, next);
    next = slot + 1000 / perSecond;
    if (slot > t) await new Promise((r) => setTimeout(r, slot - t));
  };
}

/** A container's point from two readings `dtS` seconds apart; null when the counters went backwards (restarted). */
export function pointValues(
  prev: StatsCounters,
  cur: StatsCounters,
  dtS: number,
  restarts: number,
): Values | null {
  const dCpu = cur.cpuTotal - prev.cpuTotal;
  const dSys = cur.cpuSystem - prev.cpuSystem;
  if (dCpu < 0 || dSys <= 0 || dtS <= 0) return null;
  const rate = (a: number, b: number) => Math.max(0, Math.round((a - b) / dtS));
  return {
    cpu: Math.round((dCpu / dSys) * cur.onlineCpus * 10_000),
    mem: cur.memoryBytes,
    netRx: rate(cur.netRx, prev.netRx),
    netTx: rate(cur.netTx, prev.netTx),
    blkRead: rate(cur.blkRead, prev.blkRead),
    blkWrite: rate(cur.blkWrite, prev.blkWrite),
    restarts,
  };
}

const zero = (): Values => ({ cpu: 0, mem: 0, netRx: 0, netTx: 0, blkRead: 0, blkWrite: 0, restarts: 0 });
function addInto(a: Values, b: Values) {
  for (const k of VALUE_KEYS) a[k] += b[k];
}

export type ContainerSample = Values & {
  hostId: string;
  containerId: string;
  /** Owner-proved tenant label (the fleet cache's), for the container point's scoping. */
  tenantId: string | null;
  /** App id, only when Wharf's App row exists; `appTenantId` is that row's tenant. */
  appId: string | null;
  appTenantId: string | null;
  /** The app's service the container runs (the fleet cache's label), counted only with `appId`. */
  service: string | null;
};

/** One pass's sums per app, app service, host, tenant (the App row's, else the proven label) and the cluster. */
export function totals(
  samples: ContainerSample[],
): { kind: MetricKind; subject: string; tenantId: string | null; v: Values }[] {
  const out = new Map<string, { kind: MetricKind; subject: string; tenantId: string | null; v: Values }>();
  const add = (kind: MetricKind, subject: string, tenantId: string | null, v: Values) => {
    const key = `${kind}\u0000${subject}`;
    let t = out.get(key);
    if (!t) out.set(key, (t = { kind, subject, tenantId, v: zero() }));
    addInto(t.v, v);
  };
  for (const s of samples) {
    add("cluster", "", null, s);
    add("host", s.hostId, null, s);
    const tenant = s.appTenantId ?? s.tenantId;
    if (tenant) add("tenant", tenant, tenant, s);
    if (s.appId && s.appTenantId) {
      add("app", s.appId, s.appTenantId, s);
      if (s.service) add("service", serviceSubject(s.appId, s.service), s.appTenantId, s);
    }
  }
  return [...out.values()];
}

/**
 * Downsampling: each total's bucket (1 and 10 minutes) keeps the sum and count of the passes that fell in it; its row
 * is the mean (restarts: the sum), rewritten after every pass so a restart of Wharf loses at most one pass.
 */
export class Buckets {
  private readonly open = new Map<string, { at: number; n: number; sum: Values }>();

  add(
    kind: MetricKind,
    subject: string,
    tenantId: string | null,
    step: number,
    atS: number,
    v: Values,
  ): Point {
    const at = atS - (atS % step);
    const key = `${kind}\u0000${subject}\u0000${step}`;
    let b = this.open.get(key);
    if (!b || b.at !== at) this.open.set(key, (b = { at, n: 0, sum: zero() }));
    b.n++;
    addInto(b.sum, v);
    const p: Point = { kind, subject, step, at, tenantId, ...zero() };
    for (const k of VALUE_KEYS) p[k] = k === "restarts" ? b.sum[k] : Math.round(b.sum[k] / b.n);
    return p;
  }

  /** Forgets buckets that ended before `atS` (subjects gone). */
  prune(atS: number) {
    for (const [k, b] of this.open) if (b.at + TEN_MINUTE_STEP < atS) this.open.delete(k);
  }
}

/** What a chart of `range` reads: how far back, and which step for totals (containers have one step). */
export const RANGES: Record<MetricRange, { seconds: number; totalStep: number }> = {
  "1h": { seconds: HOUR, totalStep: MINUTE_STEP },
  "6h": { seconds: 6 * HOUR, totalStep: MINUTE_STEP },
  "24h": { seconds: DAY, totalStep: MINUTE_STEP },
  "7d": { seconds: 7 * DAY, totalStep: TEN_MINUTE_STEP },
};
