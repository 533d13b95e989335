import "server-only";
import { db } from "@/lib/db";
import { dockerFor } from "@/lib/docker/client";
import { connectContainer, listAppContainers, type AppContainer } from "@/lib/docker/deploy-containers";
import { addressesOn, ensureEdgeNetwork } from "@/lib/docker/edge-network";
import { connectionOf } from "@/lib/docker/host-connection";
import { bridgeOptions } from "@/lib/egress/firewall";
import { acceptedOnce, keepAccepted } from "./accepts";
import { readOnce } from "./read-once";
import { swarmUpstreamReader } from "./swarm-upstreams";
import type { EdgeRoute } from "./config";
import type { EdgeEnv } from "./settings";
import type Docker from "dockerode";

// The routes Caddy should run, from Wharf's own state: approved AppDomain rows, and the running replicas the
// engine has for each (found by their ownership proof, lib/docker/deploy-containers.ts, never by a label alone).
// Routed replicas join their tenant's edge network here, so a new or rescheduled replica is attached at the next
// sync whatever path started it (deploy, scale, restart, the engine's restart policy).
// Only ready replicas are upstreams (docs/edge.md "Zero-downtime switches"): healthy when the container has a
// health check, else once its routed port accepts a TCP connection; and never a draining one, which the deployer
// renamed `…_drain_<revision>` (the engine's name, so every Wharf instance's sync leaves it out alike).

type DomainRow = Awaited<ReturnType<typeof routedDomains>>[number];

/** Approved domains, of one app or of all. */
const routedDomains = (appId?: string) =>
  db.appDomain.findMany({
    where: { approved: true, ...(appId ? { appId } : {}) },
    select: {
      host: true,
      pathPrefix: true,
      redirectHttps: true,
      basicAuthUser: true,
      basicAuthHash: true,
      service: true,
      port: true,
      tenantId: true,
      appId: true,
      app: { select: { mode: true, host: { select: { id: true, url: true, tlsEncrypted: true } } } },
    },
    orderBy: [{ host: "asc" }, { pathPrefix: "asc" }],
  });

/**
 * Whether an app's replicas can be routed: standalone on the engine of the machine the proxy runs on, or Swarm
 * (each task's host-mode port on its node's address, lib/edge/swarm-upstreams.ts).
 */
export const routable = (app: { mode: string; host: { url: string } }, env: Pick<EdgeEnv, "engineUrl">) =>
  (app.mode === "standalone" && app.host.url === env.engineUrl) || app.mode === "swarm";

/** A replica being drained by a deploy or scale-down: out of the routes, still finishing what it serves. */
export const DRAINING = /_drain_\d+$/;

/** Ready to take traffic: its health check passes, or (none) its port accepts; `seen` keeps what still runs. */
async function ready(c: { id: string; health: string | null }, ip: string, port: number, seen: Set<string>) {
  if (c.health !== null) return c.health === "healthy";
  return acceptedOnce(`${c.id}:${port}`, ip, port, seen);
}

/**
 * One computation's engine reads, each made once however many routes need it (they were made per route: ~2,000
 * engine calls for 1,000 routes): an app's containers per host, a network's addresses, a tenant's edge network.
 */
function engineReads() {
  const containers = new Map<string, Promise<AppContainer[]>>();
  const addresses = new Map<string, Promise<Map<string, string>>>();
  const networks = new Map<string, Promise<string>>();
  return {
    containers: (docker: Docker, hostId: string, appId: string) =>
      readOnce(containers, `${hostId}\n${appId}`, () => listAppContainers(docker, appId)),
    /** `fresh`: read again (replicas were just attached), and keep that answer for the rest. */
    addresses: (docker: Docker, networkId: string, fresh = false) => {
      if (fresh) addresses.delete(networkId);
      return readOnce(addresses, networkId, () => addressesOn(docker, networkId));
    },
    network: (docker: Docker, hostId: string, tenantId: string) =>
      readOnce(networks, `${hostId}\n${tenantId}`, () =>
        ensureEdgeNetwork(docker, tenantId, bridgeOptions()),
      ),
  };
}
type EngineReads = ReturnType<typeof engineReads>;

/** `host:port` of each ready replica of the domain's service, attached to the tenant's edge network. */
async function upstreamsOf(
  d: DomainRow,
  reads: EngineReads,
  seen: Set<string>,
  routed: Set<string>,
): Promise<string[]> {
  const docker = dockerFor(connectionOf(d.app.host)).call;
  const networkId = await reads.network(docker, d.app.host.id, d.tenantId);
  const replicas = (await reads.containers(docker, d.app.host.id, d.appId)).filter(
    (c) => c.running && c.service === d.service && !DRAINING.test(c.name),
  );
  let addresses = await reads.addresses(docker, networkId);
  const missing = replicas.filter((c) => !addresses.has(c.id));
  if (missing.length > 0) {
    for (const c of missing) await connectContainer(docker, networkId, c.id, []);
    addresses = await reads.addresses(docker, networkId, true);
  }
  const upstreams: string[] = [];
  for (const c of replicas) {
    const ip = addresses.get(c.id);
    if (!ip || !(await ready(c, ip, d.port, seen))) continue;
    upstreams.push(`${ip}:${d.port}`);
    routed.add(c.id);
  }
  return upstreams;
}

/**
 * Every route, in a stable order. An engine that does not answer throws: Caddy then keeps what it runs.
 * `routed` collects the container ids that are upstreams (a deploy waits for its new replicas to be among them).
 */
export async function desiredRoutes(env: EdgeEnv, routed = new Set<string>()): Promise<EdgeRoute[]> {
  const rows = (await routedDomains()).filter((d) => routable(d.app, env));
  const seen = new Set<string>();
  if (rows.length === 0) return (keepAccepted(seen), []);
  const reads = engineReads();
  const swarmUpstreams = swarmUpstreamReader(seen);
  const routes: EdgeRoute[] = [];
  for (const d of rows)
    routes.push({
      host: d.host,
      pathPrefix: d.pathPrefix,
      redirectHttps: d.redirectHttps,
      ...(d.basicAuthUser && d.basicAuthHash
        ? { basicAuth: { username: d.basicAuthUser, hash: d.basicAuthHash } }
        : {}),
      upstreams:
        d.app.mode === "swarm"
          ? await swarmUpstreams(d.app.host, d)
          : await upstreamsOf(d, reads, seen, routed),
    });
  keepAccepted(seen);
  return routes;
}

/**
 * The ids of a standalone app's replicas that its routes would take as upstreams now: what a deploy's hold asks
 * between syncs (lib/deploy/edge-switch.ts), one app's reads instead of every route's.
 */
export async function readyReplicas(env: EdgeEnv, appId: string): Promise<Set<string>> {
  const rows = (await routedDomains(appId)).filter(
    (d) => d.app.mode === "standalone" && routable(d.app, env),
  );
  const reads = engineReads();
  const routed = new Set<string>();
  // `seen` only prunes the accepted set in a full computation; this partial one leaves it as it is.
  for (const d of rows) await upstreamsOf(d, reads, new Set(), routed);
  return routed;
}

/** The services of an app that have a routed domain now (none: no edge proxy, or the app is not routable). */
export async function routedServices(appId: string, env: EdgeEnv | null): Promise<Set<string>> {
  if (!env) return new Set();
  const rows = await db.appDomain.findMany({
    where: { appId, approved: true },
    select: { service: true, app: { select: { mode: true, host: { select: { url: true } } } } },
  });
  return new Set(rows.filter((d) => routable(d.app, env)).map((d) => d.service));
}
