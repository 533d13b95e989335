import "server-only";
import { dockerFor } from "@/lib/docker/client";
import { connectionOf, type StoredHost } from "@/lib/docker/host-connection";
import { SERVICE_LABEL } from "@/lib/docker/labels";
import { containerOwner } from "@/lib/docker/owned-labels";
import { listAppServices, type SwarmService } from "@/lib/docker/services";
import { listNodeAddresses, listTaskEndpoints, type TaskEndpoint } from "@/lib/docker/swarm-endpoints";
import { acceptedOnce } from "./accepts";
import { readOnce } from "./read-once";
import { taskUpstreams, type SwarmTarget } from "./swarm-tasks";
import type Docker from "dockerode";

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

/** The engine a host's Swarm is read from (a parameter so a unit test can count the calls). */
export type SwarmEngineOf = (host: StoredHost) => Docker;
const engineOf: SwarmEngineOf = (host) => dockerFor(connectionOf(host)).call;

/**
 * One per sync, with every engine read made once however many routes and domains point at it: a Swarm's node list,
 * an app's services, a service's tasks (they were read per route: 1 + 2 calls per route for a one-service app), and
 * each task port's readiness probe. `seen`: the sync's readiness keys (lib/edge/accepts.ts), so a task's accepted
 * port is remembered while it is listed.
 */
export function swarmUpstreamReader(seen: Set<string>, dockerOf: SwarmEngineOf = engineOf) {
  const nodes = new Map<string, Promise<Map<string, string>>>();
  const services = new Map<string, Promise<SwarmService[]>>();
  const tasks = new Map<string, Promise<TaskEndpoint[]>>();
  const probes = new Map<string, Promise<boolean>>();
  const routed = (globalThis.wharfSwarmRouted = new Set<string>());
  return async (host: StoredHost, target: SwarmTarget): Promise<string[]> => {
    routed.add(target.appId);
    const docker = dockerOf(host);
    const appServices = (
      await readOnce(services, `${host.id}\n${target.appId}`, () => listAppServices(docker, target.appId))
    ).filter((s) => s.labels[SERVICE_LABEL] === target.service);
    if (appServices.length === 0) return [];
    const nodeAddresses = await readOnce(nodes, host.id, () => listNodeAddresses(docker));
    const dials: Promise<string | null>[] = [];
    for (const s of appServices)
      for (const task of await readOnce(tasks, `${host.id}\n${s.id}`, () => listTaskEndpoints(docker, s.id)))
        for (const dial of taskUpstreams(target, s.name, [task], nodeAddresses, containerOwner)) {
          const ready = readOnce(probes, `${task.id} ${dial}`, () => readyDial(task.id, dial, seen));
          dials.push(ready.then((ok) => (ok ? dial : null)));
        }
    return [...new Set((await Promise.all(dials)).filter((d) => d !== null))].sort();
  };
}
