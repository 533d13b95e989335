import "server-only";
import { dockerFor } from "@/lib/docker/client";
import { connectionOf, type StoredHost } from "@/lib/docker/host-connection";
import { SERVICE_LABEL } from "@/lib/docker/labels";
import { containerOwner } from "@/lib/docker/owned-labels";
import { listAppServices } from "@/lib/docker/services";
import { listNodeAddresses, listTaskEndpoints } from "@/lib/docker/swarm-endpoints";
import { taskUpstreams, type SwarmTarget } from "./swarm-tasks";

// Upstreams of a domain routed to a Swarm service (docs/edge.md, "Swarm"). Without IPVS there is no routing mesh,
// and Caddy, a process on a machine, cannot reach overlay addresses; so each task publishes the routed container
// port in host mode with no PublishedPort (the engine picks an ephemeral one per task), and Caddy dials
// `<node address>:<that port>` of every running task. A task counts only when its ownership proof (stamped by the
// deployer, bound to the service's name) names this tenant, app and service: never a label alone.

declare global {
  /** Swarm apps routed by the latest sync, for lib/edge/swarm-watch.ts (globalThis: they may be bundled apart). */
  var wharfSwarmRouted: Set<string> | undefined;
}

/** One per sync: each Swarm's node list is read once however many routes it has. */
export function swarmUpstreamReader() {
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
    const out: string[] = [];
    for (const s of services)
      out.push(
        ...taskUpstreams(
          target,
          s.name,
          await listTaskEndpoints(docker, s.id),
          await addresses,
          containerOwner,
        ),
      );
    return out;
  };
}
