import "server-only";
import { errorText } from "@/lib/api/errors";
import { db } from "@/lib/db";
import type { HostConnection } from "@/lib/docker/client";
import { connectionOf } from "@/lib/docker/host-connection";
import {
  engineResources,
  listContainerStates,
  type ContainerState,
  type EngineResources,
} from "@/lib/docker/system";
import { logHub } from "@/lib/ops/log-hub";
import { statsHub } from "@/lib/ops/stats-hub";
import { sampleUsage } from "@/lib/ops/usage-sampler";
import type {
  ClusterFiguresView,
  ClusterHealthView,
  ContainerUsageView,
  TroubledContainerView,
} from "@/lib/validations/ops-views";

const TOP = 10;
const MAX_SAMPLED_PER_HOST = 200;

type HostRow = { id: string; name: string; url: string; tlsEncrypted: string | null };

async function hostHealth(h: HostRow) {
  const conn: HostConnection = connectionOf(h);
  let info: EngineResources;
  let containers: ContainerState[];
  try {
    [info, containers] = await Promise.all([engineResources(conn), listContainerStates(conn)]);
  } catch (err) {
    return {
      host: { id: h.id, name: h.name, up: false as const, error: errorText(err) },
      usage: [],
      troubled: [],
    };
  }
  const running = containers.filter((c) => c.state === "running");
  const usage = await sampleUsage(
    conn,
    running.slice(0, MAX_SAMPLED_PER_HOST).map((c) => c.id),
  );
  const names = new Map(containers.map((c) => [c.id, c.name]));
  const usageRows: ContainerUsageView[] = usage.map((u) => ({
    ...u,
    hostId: h.id,
    hostName: h.name,
    name: names.get(u.id) ?? u.id.slice(0, 12),
  }));
  const cpuSum = usage.reduce((s, u) => s + (u.cpuPercent ?? 0), 0);
  const memSum = usage.reduce((s, u) => s + u.memoryBytes, 0);
  const troubled: TroubledContainerView[] = containers
    .filter((c) => c.state === "restarting" || /\(unhealthy\)/.test(c.status) || c.state === "dead")
    .map((c) => ({
      hostId: h.id,
      hostName: h.name,
      id: c.id,
      name: c.name,
      state: c.state,
      status: c.status,
      reason: c.state === "restarting" ? "restarting" : c.state === "dead" ? "dead" : "unhealthy",
    }));
  return {
    host: {
      id: h.id,
      name: h.name,
      up: true as const,
      version: info.serverVersion,
      ncpu: info.ncpu,
      memTotalBytes: info.memTotalBytes,
      containers: containers.length,
      running: running.length,
      // docker stats counts 100 % per core; per host we show the share of all its cores.
      cpuPercent: info.ncpu ? Math.round((cpuSum / info.ncpu) * 100) / 100 : 0,
      memoryUsedBytes: memSum,
      memoryPercent: info.memTotalBytes ? Math.round((memSum / info.memTotalBytes) * 10000) / 100 : 0,
    },
    usage: usageRows,
    troubled,
  };
}

async function computeHealth(): Promise<ClusterFiguresView> {
  const hosts = await db.host.findMany({
    select: { id: true, name: true, url: true, tlsEncrypted: true },
    orderBy: { name: "asc" },
  });
  const parts = await Promise.all(hosts.map(hostHealth));
  const up = parts.map((p) => p.host).filter((h) => h.up);
  const usage = parts.flatMap((p) => p.usage);
  const ncpu = up.reduce((s, h) => s + (h.up ? h.ncpu : 0), 0);
  const mem = up.reduce((s, h) => s + (h.up ? h.memTotalBytes : 0), 0);
  const memUsed = up.reduce((s, h) => s + (h.up ? h.memoryUsedBytes : 0), 0);
  const cpuSum = usage.reduce((s, u) => s + (u.cpuPercent ?? 0), 0);
  return {
    at: new Date().toISOString(),
    totals: {
      hostsUp: up.length,
      hostsDown: parts.length - up.length,
      cpus: ncpu,
      memTotalBytes: mem,
      memoryUsedBytes: memUsed,
      cpuPercent: ncpu ? Math.round((cpuSum / ncpu) * 100) / 100 : 0,
      memoryPercent: mem ? Math.round((memUsed / mem) * 10000) / 100 : 0,
      containersRunning: up.reduce((s, h) => s + (h.up ? h.running : 0), 0),
    },
    hosts: parts.map((p) => p.host),
    topCpu: [...usage]
      .filter((u) => u.cpuPercent !== null)
      .sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0))
      .slice(0, TOP),
    topMemory: [...usage].sort((a, b) => b.memoryBytes - a.memoryBytes).slice(0, TOP),
    // Failures are not here: they come from the stored events (GET /events), kept for their whole window.
    troubled: parts.flatMap((p) => p.troubled),
  };
}

declare global {
  var wharfHealth: HealthCache | undefined;
}
type HealthCache = { at: number; value: Promise<ClusterFiguresView>; last?: ClusterFiguresView };
const g = globalThis;

/**
 * Shared by every ops viewer: recomputed at most every 5 s. Once figures exist, a viewer never waits for a
 * recomputation (several seconds on a large fleet): it gets the last known figures, dated by their `at`, while
 * fresh ones are computed in the background.
 */
function cachedHealth(): Promise<ClusterFiguresView> {
  const cached = g.wharfHealth;
  const last = cached?.last;
  if (cached && Date.now() - cached.at < 5000) return last ? Promise.resolve(last) : cached.value;
  const entry: HealthCache = { at: Date.now(), value: computeHealth(), last };
  g.wharfHealth = entry;
  entry.value.then(
    (fresh) => (entry.last = fresh),
    () => {
      // A failed refresh keeps the last figures and is retried by the next viewer.
      if (g.wharfHealth === entry)
        g.wharfHealth = last ? { at: 0, value: Promise.resolve(last), last } : undefined;
    },
  );
  return last ? Promise.resolve(last) : entry.value;
}

/** The cached figures plus, live, the engine log/stats streams open now and how many viewers share each. */
export async function clusterHealth(): Promise<ClusterHealthView> {
  const health = await cachedHealth();
  return {
    ...health,
    streams: {
      logs: logHub.snapshot(),
      stats: statsHub.snapshot(),
      opened: { logs: logHub.opened, stats: statsHub.opened },
    },
  };
}
