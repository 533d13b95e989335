import type { AppMode } from "@/lib/validations/app";
import type { HostView } from "@/lib/validations/fleet";

/** The hosts an app may go to, a Swarm manager marked as such (the Swarm target needs one). */
export function HostOptions({ hosts }: { hosts: Pick<HostView, "id" | "name" | "engine">[] }) {
  return hosts.map((h) => (
    <option key={h.id} value={h.id}>
      {h.name}
      {h.engine.swarmRole === "manager" ? " (Swarm manager)" : ""}
    </option>
  ));
}

/** The two deploy targets, for a select whose value is an AppMode. */
export function ModeOptions() {
  return (
    <>
      <option value="standalone">Standalone host</option>
      <option value="swarm">Swarm (the host is a manager)</option>
    </>
  );
}

export const modeOf = (value: string): AppMode => (value === "swarm" ? "swarm" : "standalone");
