import type { FleetStore } from "@/lib/fleet/store";

/**
 * Brings every sort order (and the cached filtered lists) current every `everyMs`, one order per macrotask, so the
 * first request for an order nobody asked for yet (the containers page sorting by image) costs an incremental
 * update instead of a full sort of the fleet, and the event loop never blocks for more than one order at a time.
 * Rounds are kept frequent on purpose: each merges about `everyMs` worth of changes (cheap); spacing them out
 * during a sync let the changes pile up past the views' tracking limit, and the full re-sorts that followed
 * blocked the loop ~0.6 s per order (docs/scale.md). The timers do not keep the process alive. Returns a stop function.
 */
export function keepViewsWarm(store: Pick<FleetStore, "warmSteps">, everyMs = 1000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(round, everyMs);
    timer.unref();
  };
  const round = () => {
    const steps = store.warmSteps();
    const next = () => {
      const step = steps.shift();
      if (!step || stopped) return schedule();
      step();
      setImmediate(next);
    };
    next();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
