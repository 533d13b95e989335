import "server-only";
import { dockerFor } from "@/lib/docker/client";
import { connectionOf, type StoredHost } from "@/lib/docker/host-connection";
import { SERVICE_LABEL } from "@/lib/docker/labels";
import { containerOwner } from "@/lib/docker/owned-labels";
import { listAppServices } from "@/lib/docker/services";
import { listNodeAddresses, listTaskEndpoints } from "@/lib/docker/swarm-endpoints";
import { acceptedOnce } from "./accepts";
import { taskUpstreams, type SwarmTarget } from "./swarm-tasks";

// Upstreams of a domain routed to a Swarm service (docs/edge.md, "Swarm"). Without IPVS there is no routing mesh,
// and Caddy, a process on a machine, cannot reach overlay addresses; so each task publishes the routed container
// port in host mode with no PublishedPort (the engine picks an ephemeral one per task), and Caddy dials
// `<node address>:<that port>` of every running task. A task counts only when its ownership proof (stamped by the
// deployer, bound to the service's name) names this tenant, app and service: never a label alone.
// A task is an upstream only once ready, as on a standalone host: Swarm reports a task with a health check
// `running` only once healthy, and one without is taken once its port answers from here (what Caddy dials); a
// task Swarm is stopping (desired state `shutdown`) leaves at the next sync (docs/edge.md "Swarm: redeploys").

declare global {
  /** Swarm apps routed by the latest sync, for lib/edge/swarm-watch.ts (globalThis: they may be bundled apart). */
  var wharfSwarmRouted: Set<string> | undefined;
}

/** A task's dial (`<node address>:<port>`, IPv6 in brackets) once its port accepted (a task id is never reused). */
function readyDial(taskId: string, dial: string, seen: Set<string>): Promise<boolean> {
  const at = dial.lastIndexOf(":");
  return acceptedOnce(
    `${taskId} ${dial}`,
    dial.slice(0, at).replace(/^\[|\]$/g, ""),
    Number(dial.slice(at + 1)),
    seen,
  );
}

/**
 * One per sync: each Swarm's node list is read once however many routes it has. `seen`: the sync's readiness keys
 * (lib/edge/accepts.ts), so a task's accepted port is remembered while it is listed.
 */
export function swarmUpstreamReader(seen: Set<string>) {
  const nodes = new Map<string, Promise<Map<string, string>>>();
  const routed = (globalThis.wharfSwarmRouted = new Set<string>());
  return async (host: StoredHost, target: SwarmTarget): Promise<string[]> => {
    routed.add(target.appId);
    const docker = dockerFor(connectionOf(host)).call;
    const services = (await listAppServices(docker, target.appId)).filter(
      (s) => s.labels[SERVICE_LABEL] === target.service,
    );
    if (services.length === 0) return [];
    let addresses = nodes.get(host.id);
    if (!addresses) nodes.set(host.id, (addresses = listNodeAddresses(docker)));
    const nodeAddresses = await addresses;
    const dials: Promise<string | null>[] = [];
    for (const s of services)
      for (const task of await listTaskEndpoints(docker, s.id))
        for (const dial of taskUpstreams(target, s.name, [task], nodeAddresses, containerOwner))
          dials.push(readyDial(task.id, dial, seen).then((ok) => (ok ? dial : null)));
    return [...new Set((await Promise.all(dials)).filter((d) => d !== null))].sort();
  };
}
