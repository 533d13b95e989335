import { performance } from "node:perf_hooks";
import type { FleetStore } from "@/lib/fleet/store";

/** The warm-up takes at most about this share of the event loop (a round of 100 ms waits ≥ 900 ms for the next). */
const MAX_SHARE = 0.1;

/**
 * Brings every sort order (and the cached filtered lists) current about every `everyMs`, one order per macrotask,
 * so the first request for an order nobody asked for yet (the containers page sorting by image) costs an incremental
 * update instead of a full sort of the fleet, and the event loop never blocks for more than one order at a time.
 * While containers pour in (a sync: ~14,000 per second), rounds cost more and are spaced out to stay within
 * MAX_SHARE. The timers do not keep the process alive. Returns a stop function.
 */
export function keepViewsWarm(store: FleetStore, everyMs = 1000): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout;
  const schedule = (busyMs: number) => {
    if (stopped) return;
    timer = setTimeout(round, Math.max(everyMs, (busyMs * (1 - MAX_SHARE)) / MAX_SHARE));
    timer.unref();
  };
  const round = () => {
    const steps = store.warmSteps();
    let busyMs = 0;
    const next = () => {
      const step = steps.shift();
      if (!step || stopped) return schedule(busyMs);
      const t0 = performance.now();
      step();
      busyMs += performance.now() - t0;
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
