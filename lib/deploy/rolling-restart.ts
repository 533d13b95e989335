// The order of a standalone app's restart (lib/deploy/lifecycle.ts, docs/edge.md "Stop and restart"), and the names a
// stop or a rolling restart leaves behind when Wharf dies in the middle. Pure: unit-tested in rolling-restart.test.ts.

/** The name a replica takes while it drains (out of the routes, still running): a deploy's old ones by revision. */
export const drainName = (name: string, revision: number) =>
  `${name.replace(/_(prev|drain)_\d+$/, "")}_drain_${revision}`;

/** A stop's or restart's drain names its replicas with revision 0 (`…_drain_0`): a deploy's carry theirs from 1. */
const LIFECYCLE_DRAIN = drainName("", 0);

/** The name a replica takes while a stop or a rolling restart drains it. */
export const lifecycleDrainName = (name: string) => drainName(name, 0);

/** A replica's own name under a lifecycle drain name, or null when it is not one. */
export const stopDrainedOwnName = (name: string) =>
  name.endsWith(LIFECYCLE_DRAIN) ? name.slice(0, -LIFECYCLE_DRAIN.length) : null;

type Named = { id: string; name: string };

/**
 * The replicas left under a lifecycle drain name (a crash during a stop's or a restart's drain) that get their own
 * name back: a declared one that no other container of the app holds.
 */
export function drainNamesBack(containers: Named[], declared: ReadonlySet<string>): Named[] {
  const taken = new Set(containers.map((c) => c.name));
  const back: Named[] = [];
  for (const c of containers) {
    const own = stopDrainedOwnName(c.name);
    if (own !== null && declared.has(own) && !taken.has(own)) {
      back.push({ id: c.id, name: own });
      taken.add(own);
    }
  }
  return back;
}

type Member = { id: string; service: string; running: boolean };

/**
 * One dependency level of a restart: the running replicas of a routed service with at least two of them roll, one
 * at a time per service (the others serve meanwhile); everything else restarts at once, as before. A lone routed
 * replica restarts in place: nothing else could answer while it drains (docs/edge.md).
 */
export function restartPlan<C extends Member>(level: C[], routed: ReadonlySet<string>) {
  const byService = new Map<string, C[]>();
  for (const c of level)
    if (c.running && routed.has(c.service))
      byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
  const rolling = [...byService.values()].filter((g) => g.length >= 2);
  const rolled = new Set(rolling.flat().map((c) => c.id));
  return { together: level.filter((c) => !rolled.has(c.id)), rolling };
}

/**
 * Runs a level's restart: `restart` for those that restart at once, `roll` (drain, restart, wait until routed again)
 * for each rolling replica, the next of a service only once the previous one's `roll` resolved. A failed roll stops
 * its service's roll (the replicas not reached keep serving); the level waits for every other one, then throws.
 */
export async function restartLevel<C extends Member>(
  level: C[],
  routed: ReadonlySet<string>,
  steps: { restart: (c: C) => Promise<void>; roll: (c: C) => Promise<void> },
): Promise<void> {
  const { together, rolling } = restartPlan(level, routed);
  const results = await Promise.allSettled([
    ...together.map((c) => steps.restart(c)),
    ...rolling.map(async (group) => {
      for (const c of group) await steps.roll(c);
    }),
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
