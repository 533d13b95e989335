import "server-only";
import { ensureFirstAdmin } from "@/lib/services/bootstrap";
import { registerLocalEngine } from "@/lib/services/hosts";
import { startFleet } from "@/lib/fleet/service";
import { registerFleetRoutes } from "@/lib/fleet/http";
import { registerExecBridge } from "@/lib/ops/exec-bridge";
import { failInterruptedBuilds } from "@/lib/services/builds";

type StartHook = () => Promise<void> | void;
const g = globalThis as unknown as { wharfStarted?: boolean };

/** Long-lived services started once per server process, in order. Each feature adds its hook here. */
const hooks: StartHook[] = [registerFleetRoutes, ensureFirstAdmin, registerLocalEngine, registerExecBridge, startFleet, failInterruptedBuilds];

export async function startServer() {
  if (g.wharfStarted) return;
  g.wharfStarted = true;
  for (const hook of hooks) await hook();
}
