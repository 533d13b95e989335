import type { FleetStore } from "@/lib/fleet/store";

/** The warm-up's share of the event loop at most: a round is followed by a pause of at least 39 times its length. */
const MAX_SHARE = 1 / 40;
/**
 * The longest pause between rounds, whatever the last one cost: a round of first builds (a full sort per order)
 * during a sync would otherwise pause the next for a minute, while the sync's changes outgrow the views' tracking
 * limit and the next read re-sorts 500,000 entries at once (a 2.6 s stall at 5,000 hosts).
 */
const MAX_PAUSE_MS = 5_000;

/**
 * Brings every sort order (and the cached filtered lists) current every `everyMs`, one order per macrotask, so the
 * first request for an order nobody asked for yet (the containers page sorting by image) costs an incremental
 * update instead of a full sort of the fleet, and the event loop never blocks for more than one order at a time.
 * Rounds are kept frequent on purpose: each merges about `everyMs` worth of changes (cheap); spacing them out
 * during a sync let the changes pile up past the views' tracking limit, and the full re-sorts that followed
 * blocked the loop ~0.6 s per order (docs/scale.md). But a merge walks the whole order whatever the batch, so a
 * round's cost grows with the fleet: past ~2.5 % of the loop (500,000 containers: ~100 ms a round, a tenth of the
 * server's CPU in the 5,000-host soak) the rounds are spaced to keep that share, up to 5 s apart. The timers do
 * not keep the process alive. Returns a stop function.
 */
export function keepViewsWarm(
  store: Pick<FleetStore, "warmSteps">,
  everyMs = 1000,
  now = () => performance.now(),
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout;
  const schedule = (busyMs: number) => {
    if (stopped) return;
    timer = setTimeout(round, Math.min(MAX_PAUSE_MS, Math.max(everyMs, busyMs / MAX_SHARE - busyMs)));
    timer.unref();
  };
  const round = () => {
    const steps = store.warmSteps();
    let busy = 0;
    const next = () => {
      const step = steps.shift();
      if (!step || stopped) return schedule(busy);
      const started = now();
      step();
      busy += now() - started;
      setImmediate(next);
    };
    next();
  };
  schedule(0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
