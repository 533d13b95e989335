import type { EngineEvent } from "@/lib/docker/events";
import type { EngineEventType } from "@/lib/validations/fleet-events";

export type StateChange = { type: EngineEventType; exitCode: number | null };

/**
 * Which engine events are worth remembering: a container that died with a non-zero exit, ran out of memory,
 * turned unhealthy or was restarted. Execs (health checks run as execs too), clean exits and passing health checks
 * are noise: null.
 */
export function stateChangeOf(e: EngineEvent): StateChange | null {
  if (e.Type !== "container") return null;
  const action = e.Action.split(":")[0];
  if (action === "die") {
    const code = Number(e.Actor.Attributes?.exitCode ?? "0");
    return Number.isFinite(code) && code !== 0 ? { type: "exit", exitCode: code } : null;
  }
  if (action === "oom") return { type: "oom", exitCode: null };
  if (action === "restart") return { type: "restart", exitCode: null };
  if (action === "health_status" && e.Action.slice("health_status:".length).trim() === "unhealthy")
    return { type: "unhealthy", exitCode: null };
  return null;
}
