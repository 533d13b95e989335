import "server-only";
import { z } from "zod";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import { engineStream } from "@/lib/docker/streams";
import type { StatsSampleView } from "@/lib/validations/ops";
import type { Readable } from "node:stream";

/** One stats sample as the UI charts it. */
export type StatsSample = StatsSampleView;

const Num = z.number().catch(0);
const CpuStats = z
  .object({
    cpu_usage: z.object({ total_usage: Num, percpu_usage: z.array(z.number()).optional() }).partial(),
    system_cpu_usage: Num,
    online_cpus: Num,
  })
  .partial();
/** The fields of the engine's stats JSON that a sample uses; anything missing reads as 0. */
export const EngineStats = z.object({
  read: z.string().optional(),
  cpu_stats: CpuStats.optional(),
  precpu_stats: CpuStats.optional(),
  memory_stats: z
    .object({ usage: Num, limit: Num, stats: z.record(z.string(), Num) })
    .partial()
    .optional(),
  networks: z.record(z.string(), z.object({ rx_bytes: Num, tx_bytes: Num })).optional(),
  blkio_stats: z
    .object({
      io_service_bytes_recursive: z.array(z.object({ op: z.string().catch(""), value: Num })).nullish(),
    })
    .partial()
    .optional(),
  pids_stats: z.object({ current: Num }).partial().optional(),
});
export type EngineStats = z.infer<typeof EngineStats>;

/** The same arithmetic as `docker stats`: CPU delta over system delta × online CPUs; memory minus page cache. */
export function toStatsSample(input: unknown): StatsSample {
  const s = EngineStats.parse(input);
  const cpuDelta = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sysDelta = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  const online = s.cpu_stats?.online_cpus || s.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
  // The first reading of a stream has no previous one (precpu all zero): its "delta" is the whole lifetime, so 0.
  const hasPrev = (s.precpu_stats?.system_cpu_usage ?? 0) > 0;
  const cpuPercent = hasPrev && cpuDelta > 0 && sysDelta > 0 ? (cpuDelta / sysDelta) * online * 100 : 0;
  const memStats = s.memory_stats?.stats ?? {};
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
    pids: s.pids_stats?.current ?? 0,
  };
}

/** A single sample (the engine waits for a second reading so CPU has a delta): ~1–2 s per call. */
export async function sampleStats(host: HostConnection, id: string): Promise<StatsSample> {
  return toStatsSample(await dockerFor(host).stream.getContainer(id).stats({ stream: false }));
}

/** The engine's own stream: one JSON document per second until destroyed. Shared per container by lib/ops/stats-hub. */
export async function openStatsStream(host: HostConnection, id: string): Promise<Readable> {
  return engineStream(await dockerFor(host).stream.getContainer(id).stats({ stream: true }));
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
  const s = EngineStats.parse(
    await dockerFor(host).call.getContainer(id).stats({ stream: false, "one-shot": true }),
  );
  const m = toStatsSample(s);
  return {
    totalUsage: s.cpu_stats?.cpu_usage?.total_usage ?? 0,
    systemUsage: s.cpu_stats?.system_cpu_usage ?? 0,
    onlineCpus: m.onlineCpus,
    memoryBytes: m.memoryBytes,
    memoryLimitBytes: m.memoryLimitBytes,
  };
}
