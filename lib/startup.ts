import "server-only";
import { startAlerts } from "@/lib/alerts/evaluator";
import { registerExecBridge } from "@/lib/api/exec-bridge";
import { endReconnectingStreams } from "@/lib/auth/live-streams";
import { runningBuildCount } from "@/lib/builds/queue";
import { expireHeldLeases, heldLeaseCount } from "@/lib/deploy/lease";
import { startDeployHealing } from "@/lib/deploy/recover";
import { startSwarmEdgeWatch } from "@/lib/edge/swarm-watch";
import { startEdgeSync } from "@/lib/edge/sync";
import { startEgressFirewall } from "@/lib/egress/startup";
import { eventLog } from "@/lib/fleet/event-log";
import { FLEET_ROUTE_PATHS, registerFleetRoutes } from "@/lib/fleet/http";
import { startFleet } from "@/lib/fleet/service";
import { registerRequestMetrics } from "@/lib/metrics/http";
import { startScheduledBackups } from "@/lib/ops/backup-schedule";
import { startMetricsCollector } from "@/lib/ops/metrics-collector";
import { startAppArchivePruning } from "@/lib/services/app-archive";
import { startPreviewSweep } from "@/lib/services/app-previews";
import { startRepositoryPolling } from "@/lib/services/app-push";
import { ensureFirstAdmin } from "@/lib/services/bootstrap";
import { failBuildsOfThisProcess, startBuildRecovery } from "@/lib/services/builds";
import { registerLocalEngine } from "@/lib/services/hosts";
import { seedSharedImages } from "@/lib/services/shared-images";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

type StartHook = () => Promise<void> | void;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
/** True when the request is taken care of (it may still go to Next.js later, through `toNext`). */
export type DirectHandler = (req: IncomingMessage, res: ServerResponse, toNext: () => void) => boolean;

// Process-wide slots on globalThis: Next.js bundles route handlers and start-up code separately, and server.ts
// runs outside the bundle; start-up hooks set the two handlers server.ts calls.
declare global {
  var wharfStarted: boolean | undefined;
  var wharfUpgrade: UpgradeHandler | undefined;
  var wharfDirect: DirectHandler | undefined;
}
const g = globalThis;

/**
 * What server.ts's graceful stop (lib/graceful-stop.ts) asks of the services here: end the SSE streams, count the work
 * still running (deploy leases, builds), and hand over what is held once it ended or the bound passed, so another
 * instance takes over at once (docs/database.md, "Rolling restart").
 */
function registerDrain() {
  g.wharfDrain = {
    endStreams: endReconnectingStreams,
    busy: () => heldLeaseCount() + runningBuildCount(),
    release: async () => {
      const [leases] = await Promise.all([expireHeldLeases(), failBuildsOfThisProcess(), eventLog.stop()]);
      if (leases) console.log(`[wharf] stopping: ${leases} deploy lease(s) left to another instance`);
    },
  };
}

/** Long-lived services started once per server process, in order. Each feature adds its hook here. */
const hooks: StartHook[] = [
  registerFleetRoutes,
  registerDrain,
  () => registerRequestMetrics(FLEET_ROUTE_PATHS),
  ensureFirstAdmin,
  registerLocalEngine,
  seedSharedImages,
  registerExecBridge,
  startFleet,
  startBuildRecovery,
  startDeployHealing,
  startEgressFirewall,
  startRepositoryPolling,
  startPreviewSweep,
  startAppArchivePruning,
  startAlerts,
  startEdgeSync,
  startSwarmEdgeWatch,
  startScheduledBackups,
  startMetricsCollector,
];

export async function startServer() {
  if (g.wharfStarted) return;
  g.wharfStarted = true;
  for (const hook of hooks) await hook();
}
