import "server-only";
import { buildConfig } from "@/lib/builds/config";

type Job = {
  buildId: string;
  tenantId: string;
  controller: AbortController;
  run: (signal: AbortSignal) => Promise<void>;
  drop: () => Promise<void>;
};
type State = { waiting: Map<string, Job[]>; running: Map<string, Job> };

declare global {
  var wharfBuildQueue: State | undefined;
}
const g = globalThis;
const state: State = (g.wharfBuildQueue ??= { waiting: new Map(), running: new Map() });

const runningIn = (tenantId: string) =>
  [...state.running.values()].filter((j) => j.tenantId === tenantId).length;

/**
 * Per-tenant build queue: at most `concurrencyPerTenant` builds of one tenant run at once; the rest
 * wait in order. One tenant's queue never delays another's.
 */
export function enqueueBuild(buildId: string, tenantId: string, run: Job["run"], drop: Job["drop"]) {
  const list = state.waiting.get(tenantId) ?? [];
  list.push({ buildId, tenantId, controller: new AbortController(), run, drop });
  state.waiting.set(tenantId, list);
  pump(tenantId);
}

function pump(tenantId: string) {
  const list = state.waiting.get(tenantId) ?? [];
  while (list.length > 0 && runningIn(tenantId) < buildConfig.concurrencyPerTenant) {
    const job = list.shift()!;
    state.running.set(job.buildId, job);
    void job
      .run(job.controller.signal)
      .catch((err) => console.error(`[wharf] build ${job.buildId} crashed`, err))
      .finally(() => {
        state.running.delete(job.buildId);
        pump(tenantId);
      });
  }
  if (list.length === 0) state.waiting.delete(tenantId);
}

/** 1-based place in the tenant's queue, or null when the build is not waiting. */
export function queuePosition(buildId: string, tenantId: string): number | null {
  const i = state.waiting.get(tenantId)?.findIndex((j) => j.buildId === buildId) ?? -1;
  return i >= 0 ? i + 1 : null;
}

/** "queued": taken out of the queue (never started, its files removed); "running": its engine request is being aborted; null: not here. */
export async function cancelQueuedOrRunning(buildId: string): Promise<"queued" | "running" | null> {
  for (const [tenantId, list] of state.waiting) {
    const i = list.findIndex((j) => j.buildId === buildId);
    if (i >= 0) {
      const [job] = list.splice(i, 1);
      if (list.length === 0) state.waiting.delete(tenantId);
      await job.drop();
      return "queued";
    }
  }
  const job = state.running.get(buildId);
  if (!job) return null;
  job.controller.abort();
  return "running";
}
