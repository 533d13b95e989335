// When a failed task fails a Swarm deploy. A task that fails (a non-zero exit, a kill for an unhealthy health
// check, a rejection) is not yet a failed service: Swarm's restart policy puts a new task in the same slot,
// as `docker stack deploy` and `docker service create` rely on (a service whose dependency is still starting
// fails once or twice, then runs). So a failure is final only when Swarm will not try again, or when the
// same slot keeps failing: a crash loop that would otherwise hold the deploy until its deadline.
import type { ServiceSpec } from "@/lib/compose/spec";
import type { SwarmTask } from "@/lib/docker/services";

/** Failed attempts of one slot after which Wharf stops waiting for Swarm's restarts. */
export const CRASH_LOOP_ATTEMPTS = 3;
const FAILED = new Set(["failed", "rejected"]);

export type FailureVerdict = {
  /** The failure that fails the deploy, with why Swarm's restarts will not help. */
  final: { task: SwarmTask; why: string } | null;
  /** The newest failure (tolerated or not), for progress and the deadline's message. */
  latest: SwarmTask | null;
  /** Failed attempts of the slot that failed most. */
  attempts: number;
};

/** One slot: the replica number, or the node of a global service's task (Swarm gives those no slot). */
const slotOf = (k: SwarmTask) => (k.slot ? `slot ${k.slot}` : `node ${k.nodeId}`);

type RestartFields = Pick<ServiceSpec, "restart" | "restartMaxRetries" | "swarmRestartNone">;

/**
 * How many times Swarm restarts a slot: none for `deploy.restart_policy.condition: none`, else max_attempts (0: no
 * limit). A file without a restart policy gets Swarm's `any` (engine-spec.ts), so its failures are restarted.
 */
export function swarmRestartLimit(svc: RestartFields): number {
  if (svc.swarmRestartNone) return 0;
  return svc.restartMaxRetries ? svc.restartMaxRetries : Infinity;
}

/** Judges the failed tasks of the new spec created at or after `since` (ms). */
export function judgeFailures(tasks: SwarmTask[], svc: RestartFields, since: number): FailureVerdict {
  const failed = tasks
    .filter((k) => FAILED.has(k.state) && Date.parse(k.createdAt) >= since)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const latest = failed.at(-1) ?? null;
  const perSlot = new Map<string, SwarmTask[]>();
  for (const k of failed) perSlot.set(slotOf(k), [...(perSlot.get(slotOf(k)) ?? []), k]);
  const limit = swarmRestartLimit(svc);
  let attempts = 0;
  let final: FailureVerdict["final"] = null;
  for (const list of perSlot.values()) {
    attempts = Math.max(attempts, list.length);
    const task = list[list.length - 1];
    if (final) continue;
    if (list.length > limit)
      final = {
        task,
        why:
          limit === 0
            ? "restart policy none: Swarm does not restart it"
            : `Swarm stopped restarting it after ${limit} restart(s) (max_attempts)`,
      };
    else if (list.length >= CRASH_LOOP_ATTEMPTS)
      final = {
        task,
        why: `failed ${list.length} times in the same slot while Swarm restarted it (a crash loop)`,
      };
  }
  return { final, latest, attempts };
}

/** "task failed with exit code 137: …": what one failed task says. */
export function describeTask(k: SwarmTask): string {
  const code = k.exitCode !== null && k.exitCode !== 0 ? ` with exit code ${k.exitCode}` : "";
  return `task ${k.state}${code}: ${k.error || k.message}`;
}

/** The running tasks first seen when their count was right, and when. */
export type SteadyWatch = { since: number; ids: string } | null;

/** How long the same tasks must keep running (with no health check to wait for) before they count as up. */
export const STAY_UP_MS = 1_000;

/**
 * Whether the running tasks stayed up: the same task ids seen running from a first sighting until `now`, at least
 * STAY_UP_MS apart. Measured from the first sighting, not from the last sighting without them: a check can take
 * over a second on a busy manager, and a crashing task seen running once must not pass.
 */
export function stayedUp(
  watch: SteadyWatch,
  running: SwarmTask[],
  now: number,
): { watch: SteadyWatch; up: boolean } {
  const ids = running
    .map((k) => k.id)
    .sort()
    .join(",");
  if (watch && watch.ids === ids) return { watch, up: now - watch.since >= STAY_UP_MS };
  return { watch: { since: now, ids }, up: false };
}
