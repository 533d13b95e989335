import "server-only";
import { db } from "@/lib/db";
import { dockerFor } from "@/lib/docker/client";
import { connectContainer, listAppContainers } from "@/lib/docker/deploy-containers";
import { addressesOn, ensureEdgeNetwork } from "@/lib/docker/edge-network";
import { connectionOf } from "@/lib/docker/host-connection";
import { bridgeOptions } from "@/lib/egress/firewall";
import type { EdgeRoute } from "./config";
import type { EdgeEnv } from "./settings";
import type Docker from "dockerode";

// The routes Caddy should run, from Wharf's own state: approved AppDomain rows, and the running replicas the
// engine has for each (found by their ownership proof, lib/docker/deploy-containers.ts, never by a label alone).
// Routed replicas join their tenant's edge network here, so a new or rescheduled replica is attached at the next
// sync whatever path started it (deploy, scale, restart, the engine's restart policy).

type DomainRow = Awaited<ReturnType<typeof routedDomains>>[number];

const routedDomains = () =>
  db.appDomain.findMany({
    where: { approved: true },
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

/** Whether an app's replicas can be routed: standalone, on the engine of the machine the proxy runs on. */
export const routable = (app: { mode: string; host: { url: string } }, env: Pick<EdgeEnv, "engineUrl">) =>
  app.mode === "standalone" && app.host.url === env.engineUrl;

/** `host:port` of each running replica of the domain's service, attached to the tenant's edge network. */
async function upstreamsOf(docker: Docker, d: DomainRow, networks: Map<string, string>): Promise<string[]> {
  let networkId = networks.get(d.tenantId);
  if (!networkId) {
    networkId = await ensureEdgeNetwork(docker, d.tenantId, bridgeOptions());
    networks.set(d.tenantId, networkId);
  }
  const replicas = (await listAppContainers(docker, d.appId)).filter(
    (c) => c.running && c.service === d.service,
  );
  let addresses = await addressesOn(docker, networkId);
  const missing = replicas.filter((c) => !addresses.has(c.id));
  if (missing.length > 0) {
    for (const c of missing) await connectContainer(docker, networkId, c.id, []);
    addresses = await addressesOn(docker, networkId);
  }
  return replicas.flatMap((c) => {
    const ip = addresses.get(c.id);
    return ip ? [`${ip}:${d.port}`] : [];
  });
}

/** Every route, in a stable order. An engine that does not answer throws: Caddy then keeps what it runs. */
export async function desiredRoutes(env: EdgeEnv): Promise<EdgeRoute[]> {
  const rows = (await routedDomains()).filter((d) => routable(d.app, env));
  if (rows.length === 0) return [];
  const docker = dockerFor(connectionOf(rows[0].app.host)).call;
  const networks = new Map<string, string>();
  const routes: EdgeRoute[] = [];
  for (const d of rows)
    routes.push({
      host: d.host,
      pathPrefix: d.pathPrefix,
      redirectHttps: d.redirectHttps,
      ...(d.basicAuthUser && d.basicAuthHash
        ? { basicAuth: { username: d.basicAuthUser, hash: d.basicAuthHash } }
        : {}),
      upstreams: await upstreamsOf(docker, d, networks),
    });
  return routes;
}
