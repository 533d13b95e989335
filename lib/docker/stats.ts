import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type Docker from "dockerode";
import type { Readable } from "node:stream";

/** One stats sample as the UI charts it. */
export type StatsSample = {
  at: string;
  cpuPercent: number;
  onlineCpus: number;
  memoryBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
};

/** The same arithmetic as `docker stats`: CPU delta over system delta × online CPUs; memory minus page cache. */
export function toStatsSample(s: Docker.ContainerStats): StatsSample {
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const online = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  // The first reading of a stream has no previous one (precpu all zero): its "delta" is the whole lifetime, so 0.
  const hasPrev = (s.precpu_stats?.system_cpu_usage ?? 0) > 0;
  const cpuPercent = hasPrev && cpuDelta > 0 && sysDelta > 0 ? (cpuDelta / sysDelta) * online * 100 : 0;
  const memStats = (s.memory_stats?.stats ?? {}) as Record<string, number>;
  const cache = memStats.inactive_file ?? memStats.total_inactive_file ?? memStats.cache ?? 0;
  const memoryBytes = Math.max(0, (s.memory_stats?.usage ?? 0) - cache);
  const memoryLimitBytes = s.memory_stats?.limit ?? 0;
  let netRxBytes = 0,
    netTxBytes = 0;
  for (const n of Object.values(s.networks ?? {})) {
    netRxBytes += n.rx_bytes;
    netTxBytes += n.tx_bytes;
  }
  let blockReadBytes = 0,
    blockWriteBytes = 0;
  for (const e of s.blkio_stats?.io_service_bytes_recursive ?? []) {
    if (e.op.toLowerCase() === "read") blockReadBytes += e.value;
    if (e.op.toLowerCase() === "write") blockWriteBytes += e.value;
  }
  return {
    at: (s.read && !s.read.startsWith("0001") ? new Date(s.read) : new Date()).toISOString(),
    cpuPercent: Math.round(cpuPercent * 100) / 100,
    onlineCpus: online,
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes ? Math.round((memoryBytes / memoryLimitBytes) * 10000) / 100 : 0,
    netRxBytes,
    netTxBytes,
    blockReadBytes,
    blockWriteBytes,
    pids: (s as { pids_stats?: { current?: number } }).pids_stats?.current ?? 0,
  };
}

/** A single sample (the engine waits for a second reading so CPU has a delta): ~1–2 s per call. */
export async function sampleStats(host: HostConnection, id: string): Promise<StatsSample> {
  const s = (await dockerFor(host).stream.getContainer(id).stats({ stream: false })) as Docker.ContainerStats;
  return toStatsSample(s);
}

/** The engine's own stream: one JSON document per second until destroyed. Shared per container by lib/ops/stats-hub. */
export async function openStatsStream(host: HostConnection, id: string): Promise<Readable> {
  return (await dockerFor(host).stream.getContainer(id).stats({ stream: true })) as unknown as Readable;
}

export type CpuCounters = {
  totalUsage: number;
  systemUsage: number;
  onlineCpus: number;
  memoryBytes: number;
  memoryLimitBytes: number;
};

/**
 * A one-shot reading (~20 ms, no second sample): raw CPU counters and memory. CPU % needs two readings;
 * lib/ops/usage-sampler keeps the previous one per container.
 */
export async function readCpuCounters(host: HostConnection, id: string): Promise<CpuCounters> {
  const s = (await dockerFor(host)
    .call.getContainer(id)
    .stats({ stream: false, "one-shot": true } as { stream: false })) as Docker.ContainerStats;
  const m = toStatsSample(s);
  return {
    totalUsage: s.cpu_stats?.cpu_usage?.total_usage ?? 0,
    systemUsage: s.cpu_stats?.system_cpu_usage ?? 0,
    onlineCpus: m.onlineCpus,
    memoryBytes: m.memoryBytes,
    memoryLimitBytes: m.memoryLimitBytes,
  };
}
