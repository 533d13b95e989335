import "server-only";
import type { HostConnection } from "@/lib/docker/client";
import { readCpuCounters, type CpuCounters } from "@/lib/docker/stats";

export type ContainerUsage = {
  id: string;
  cpuPercent: number | null;
  memoryBytes: number;
  memoryLimitBytes: number;
};

declare global {
  var wharfCpuPrev: Map<string, CpuCounters & { seen: number }> | undefined;
}
const g = globalThis;
const prev = (g.wharfCpuPrev ??= new Map());
const CONCURRENCY = 8;

/** Runs `fn` over items with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/**
 * CPU and memory of many containers without a stats stream each: one-shot readings (~20 ms apiece),
 * CPU % from the difference with the previous reading of the same container (kept between calls).
 * Containers read for the first time get a second reading a second later.
 */
export async function sampleUsage(host: HostConnection, ids: string[]): Promise<ContainerUsage[]> {
  const read = (id: string) => readCpuCounters(host, id).catch(() => null);
  let readings = await mapLimit(ids, CONCURRENCY, read);
  const fresh = ids.filter((id, i) => readings[i] && !prev.has(`${host.id}/${id}`));
  if (fresh.length) {
    for (const [i, id] of ids.entries())
      if (readings[i]) prev.set(`${host.id}/${id}`, { ...readings[i]!, seen: Date.now() });
    await new Promise((r) => setTimeout(r, 1000));
    readings = await mapLimit(ids, CONCURRENCY, read);
  }
  const now = Date.now();
  const out = ids.map((id, i) => {
    const r = readings[i];
    if (!r) return { id, cpuPercent: null, memoryBytes: 0, memoryLimitBytes: 0 };
    const key = `${host.id}/${id}`;
    const p = prev.get(key);
    prev.set(key, { ...r, seen: now });
    const dCpu = p ? r.totalUsage - p.totalUsage : 0;
    const dSys = p ? r.systemUsage - p.systemUsage : 0;
    const cpuPercent =
      p && dSys > 0 && dCpu >= 0 ? Math.round((dCpu / dSys) * r.onlineCpus * 10000) / 100 : null;
    return { id, cpuPercent, memoryBytes: r.memoryBytes, memoryLimitBytes: r.memoryLimitBytes };
  });
  for (const [k, v] of prev) if (now - v.seen > 10 * 60_000) prev.delete(k); // forget containers gone for 10 min
  return out;
}
