import "server-only";
// This process's side of the build queue. The queue itself is the Build rows (lib/builds/build-lease.ts): a build
// runs only once its row is claimed, so a tenant's limit holds across every instance on the database. What stays in
// memory is what only this process can do: run the builds whose context it holds, and abort them.
import { BUILD_LEASE_MS, claimBuild, renewBuildLeases } from "@/lib/builds/build-lease";
import { buildConfig } from "@/lib/builds/config";

type Job = {
  buildId: string;
  tenantId: string;
  controller: AbortController;
  run: (signal: AbortSignal) => Promise<void>;
  drop: () => Promise<void>;
  /** Settles when its run has ended, row written (set once it is claimed). */
  done?: Promise<void>;
};
type State = {
  waiting: Map<string, Job[]>;
  running: Map<string, Job>;
  /** A tenant's claims in progress, and tenants to go over again once it ends (a job came in meanwhile). */
  pumping: Map<string, Promise<void>>;
  again: Set<string>;
};

declare global {
  var wharfBuildQueue: State | undefined;
  var wharfBuildQueueTimer: NodeJS.Timeout | undefined;
}
const g = globalThis;
const state: State = (g.wharfBuildQueue ??= {
  waiting: new Map(),
  running: new Map(),
  pumping: new Map(),
  again: new Set(),
});

/** A tenant's slot freed on another instance is noticed by this poll (only while builds wait here). */
const RETRY_MS = 2000;

/**
 * Per-tenant build queue: at most `concurrencyPerTenant` builds of one tenant run at once, on all instances
 * together; the rest wait in order. One tenant's queue never delays another's.
 */
export function enqueueBuild(
  buildId: string,
  tenantId: string,
  run: Job["run"],
  drop: Job["drop"],
): Promise<void> {
  const list = state.waiting.get(tenantId) ?? [];
  list.push({ buildId, tenantId, controller: new AbortController(), run, drop });
  state.waiting.set(tenantId, list);
  startTimers();
  return pump(tenantId);
}

/** Claims what the tenant's slots allow; resolves once this round of claims is over (the build started or waits). */
function pump(tenantId: string): Promise<void> {
  const current = state.pumping.get(tenantId);
  if (current) {
    state.again.add(tenantId);
    return current;
  }
  const round = (async () => {
    do {
      state.again.delete(tenantId);
      await claimWaiting(tenantId).catch((err) =>
        console.error(`[wharf] claiming builds of tenant ${tenantId} failed`, err),
      );
    } while (state.again.has(tenantId));
  })().finally(() => state.pumping.delete(tenantId));
  state.pumping.set(tenantId, round);
  return round;
}

async function claimWaiting(tenantId: string) {
  const list = state.waiting.get(tenantId) ?? [];
  while (list.length > 0) {
    const job = list[0];
    if (!(await claimBuild(job.buildId, tenantId, buildConfig.concurrencyPerTenant))) break;
    list.shift();
    state.running.set(job.buildId, job);
    job.done = job
      .run(job.controller.signal)
      .catch((err) => console.error(`[wharf] build ${job.buildId} crashed`, err))
      .finally(() => {
        state.running.delete(job.buildId);
        void pump(tenantId);
      });
  }
  if (list.length === 0) state.waiting.delete(tenantId);
}

function startTimers() {
  if (g.wharfBuildQueueTimer) return;
  let ticks = 0;
  g.wharfBuildQueueTimer = setInterval(() => {
    for (const tenantId of state.waiting.keys()) void pump(tenantId);
    if (++ticks % Math.max(1, Math.round(BUILD_LEASE_MS / 3 / RETRY_MS)) === 0) void renew();
  }, RETRY_MS);
  g.wharfBuildQueueTimer.unref();
}

/** Keeps this process's leases and applies cancellations made on other instances. */
async function renew() {
  const local = [...state.running.keys(), ...[...state.waiting.values()].flat().map((j) => j.buildId)];
  try {
    for (const id of await renewBuildLeases(local)) await cancelQueuedOrRunning(id);
  } catch (err) {
    console.error("[wharf] renewing build leases failed", err);
  }
}

/** Builds running in this process: the server waits for them (bounded) when it stops. */
export const runningBuildCount = () => state.running.size;

/**
 * The server is stopping: nothing more is claimed or renewed here, and the builds still waiting are dropped (their
 * files removed). Their rows, and those of the builds still running, are failed by the caller: their context is in
 * this process's temporary directory, so no other instance can run them.
 */
export async function stopBuildQueue(): Promise<void> {
  clearInterval(g.wharfBuildQueueTimer);
  g.wharfBuildQueueTimer = undefined;
  const waiting = [...state.waiting.values()].flat();
  state.waiting.clear();
  await Promise.all(waiting.map((job) => job.drop().catch(() => undefined)));
}

/** The abort reason of builds cut short because this server stops (the runner fails them as interrupted). */
export const SERVER_STOPPING = "wharf-server-stopping";

/**
 * The server stops: this process's running builds are aborted (the engine then stops their step containers) and
 * waited for, their rows written; returns their ids, whose networks the caller removes.
 */
export async function abortRunningBuilds(): Promise<string[]> {
  const jobs = [...state.running.values()];
  for (const job of jobs) job.controller.abort(SERVER_STOPPING);
  await Promise.all(jobs.map((job) => job.done));
  return jobs.map((job) => job.buildId);
}

/** "queued": taken out of this process's queue (never started, its files removed); "running": its engine request is being aborted; null: not here. */
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
