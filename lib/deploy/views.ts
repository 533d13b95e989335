import "server-only";
// The app page's live view: per service, what the current revision wants and what runs.
import type { AppSpec } from "@/lib/compose/spec";
import { hostPortText } from "@/lib/compose/syntax";
import type { EngineSnapshot } from "./actual";

export type ServiceState = {
  name: string;
  image: string;
  desired: number;
  running: number;
  ports: string[];
  global: boolean;
  replicas: {
    /** The container's id (a Swarm task's container), for links to its page, logs and console. */
    id: string | null;
    name: string;
    state: string;
    health: string | null;
    revision: number | null;
    node: string | null;
  }[];
};

export function serviceStates(
  spec: AppSpec | null,
  snap: EngineSnapshot,
  mode: "standalone" | "swarm",
): ServiceState[] {
  const names = new Set([...Object.keys(spec?.services ?? {}), ...Object.keys(snap.state.services)]);
  return [...names].map((name) => {
    const svc = spec?.services[name];
    const actual = snap.state.services[name];
    const ports = (svc?.ports ?? []).map((p) => `${hostPortText(p) || "auto"}→${p.target}/${p.protocol}`);
    if (mode === "swarm") {
      const tasks = (snap.tasks[name] ?? []).filter(
        (k) => k.desiredState === "running" || k.state === "running",
      );
      return {
        name,
        image: svc?.image ?? "",
        desired: actual?.desired ?? 0,
        running: actual?.running ?? 0,
        ports,
        global: svc?.mode === "global",
        replicas: tasks.map((k) => ({
          id: k.containerId || null,
          name: `${name}.${k.slot ?? k.id.slice(0, 12)}`,
          state: k.state,
          health: null,
          revision: null,
          node: snap.nodes[k.nodeId] ?? (k.nodeId ? k.nodeId.slice(0, 12) : null),
        })),
      };
    }
    const containers = snap.containers.filter((c) => c.service === name).sort((a, b) => a.index - b.index);
    return {
      name,
      image: svc?.image ?? containers[0]?.image ?? "",
      desired: containers.length,
      running: containers.filter((c) => c.running).length,
      ports:
        containers.flatMap((c) => c.ports).length > 0
          ? [...new Set(containers.flatMap((c) => c.ports))]
          : ports,
      global: false,
      replicas: containers.map((c) => ({
        id: c.id,
        name: c.name,
        state: c.state,
        health: c.health,
        revision: c.revision,
        node: null,
      })),
    };
  });
}
