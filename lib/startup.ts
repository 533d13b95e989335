import "server-only";
import { startEgressFirewall } from "@/lib/egress/startup";
import { registerFleetRoutes } from "@/lib/fleet/http";
import { startFleet } from "@/lib/fleet/service";
import { registerExecBridge } from "@/lib/ops/exec-bridge";
import { ensureFirstAdmin } from "@/lib/services/bootstrap";
import { failInterruptedBuilds } from "@/lib/services/builds";
import { registerLocalEngine } from "@/lib/services/hosts";

type StartHook = () => Promise<void> | void;
const g = globalThis as unknown as { wharfStarted?: boolean };

/** Long-lived services started once per server process, in order. Each feature adds its hook here. */
const hooks: StartHook[] = [
  registerFleetRoutes,
  ensureFirstAdmin,
  registerLocalEngine,
  registerExecBridge,
  startFleet,
  failInterruptedBuilds,
  startEgressFirewall,
];

export async function startServer() {
  if (g.wharfStarted) return;
  g.wharfStarted = true;
  for (const hook of hooks) await hook();
}
