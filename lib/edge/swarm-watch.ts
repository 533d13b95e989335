import "server-only";
import { getFleet } from "@/lib/fleet/service";
import { edgeEnv } from "./settings";
import { touchesRouted } from "./swarm-tasks";
import { requestEdgeSync } from "./sync";

// Swarm upstreams follow tasks as they start and stop (docs/edge.md, "Swarm"): the fleet already follows every
// registered engine's container events, so a task container of a routed Swarm app starting, dying or turning
// healthy asks for a sync. Deploys and scales sync when they finish; the periodic sync (WHARF_EDGE_SYNC_MS) covers
// task containers on nodes Wharf does not follow. The app ids come from the fleet's proved labels, never a raw one.

/** A task is `running` on the manager a moment after its container's event: the sync waits this long. */
const SETTLE_MS = 1_000;

declare global {
  var wharfSwarmWatch: { timer: NodeJS.Timeout | null } | undefined;
}

/** Start-up hook (lib/startup.ts): one fleet subscription per process, only when an edge proxy is configured. */
export function startSwarmEdgeWatch(): void {
  if (!edgeEnv() || globalThis.wharfSwarmWatch) return;
  const watch: { timer: NodeJS.Timeout | null } = { timer: null };
  globalThis.wharfSwarmWatch = watch;
  getFleet().bus.subscribe((batch) => {
    if (watch.timer || !touchesRouted(batch, globalThis.wharfSwarmRouted ?? new Set())) return;
    watch.timer = setTimeout(() => {
      watch.timer = null;
      void requestEdgeSync();
    }, SETTLE_MS);
    watch.timer.unref();
  });
}
