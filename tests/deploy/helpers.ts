// Shared set-up for the deploy integration tests: a real server, the local engine as a granted host,
// tenants with a developer each, and direct engine reads to check what really runs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import Docker from "dockerode";
import { stripBuildKeys } from "../../lib/deploy/strip-build";
import { ApiClient, createUserClient } from "../helpers/api-client";
import { freePort } from "../helpers/free-port";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

export { freePort };

export const engine = new Docker({ socketPath: "/var/run/docker.sock" });

export async function adminClient(server: WharfServer) {
  return new ApiClient(server.baseUrl).login(server.adminEmail, server.adminPassword);
}

export async function localHostId(admin: ApiClient): Promise<string> {
  const hosts = (await admin.get("/hosts")).body.items as { id: string; name: string }[];
  const local = hosts.find((h) => h.name === "local");
  if (!local) throw new Error(`no local host: ${JSON.stringify(hosts)}`);
  return local.id;
}

export type TenantSetup = { tenantId: string; projectId: string; dev: ApiClient; slug: string };

/** A tenant with quotas, the host granted to it, a developer and one project. */
export async function setupTenant(
  admin: ApiClient,
  hostId: string,
  name: string,
  quotas: Record<string, number> = {},
  projectName = "Shop",
): Promise<TenantSetup> {
  const t = await admin.post("/tenants", {
    name,
    maxContainers: 100,
    maxMemoryMb: 65536,
    maxCpus: 64,
    ...quotas,
  });
  if (t.status !== 201) throw new Error(`tenant: ${t.status} ${JSON.stringify(t.body)}`);
  const hosts = (await admin.get("/hosts")).body.items as { id: string; tenantIds: string[] }[];
  const granted = hosts.find((h) => h.id === hostId)?.tenantIds ?? [];
  const g = await admin.put(`/hosts/${hostId}/grants`, { tenantIds: [...granted, t.body.id] });
  if (g.status !== 200) throw new Error(`grant: ${g.status} ${JSON.stringify(g.body)}`);
  const email = `dev-${t.body.slug}-${Date.now().toString(36)}@wharf.test`;
  const { client: dev } = await createUserClient(admin, email, {
    memberships: [{ tenantId: t.body.id, role: "developer" }],
  });
  const p = await dev.post("/projects", { tenantId: t.body.id, name: projectName });
  if (p.status !== 201) throw new Error(`project: ${p.status} ${JSON.stringify(p.body)}`);
  return { tenantId: t.body.id, projectId: p.body.id, dev, slug: t.body.slug };
}

/** The admin gives the tenant these edge base domains, no custom ones (200, or the set-up fails). */
export async function setBaseDomains(
  admin: ApiClient,
  tenantId: string,
  baseDomains: string[],
): Promise<void> {
  const r = await admin.put(`/tenants/${tenantId}/edge`, { baseDomains, customDomains: false });
  if (r.status !== 200) throw new Error(`edge settings: ${r.status} ${JSON.stringify(r.body)}`);
}

type ComposeApp = { name: string; hostId: string; compose: string; mode?: "standalone" | "swarm" };

/** Creates an app in the project (201, or the set-up fails with the API's answer); its id. */
async function createApp(
  client: ApiClient,
  projectId: string,
  app: { name: string; hostId: string; mode: "standalone" | "swarm"; source?: unknown },
): Promise<string> {
  const r = await client.post(`/projects/${projectId}/apps`, app);
  if (r.status !== 201) throw new Error(`create ${app.name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.app.id as string;
}

/** App `name` created from `compose` in the project; its id. */
export function createComposeApp(client: ApiClient, projectId: string, o: ComposeApp): Promise<string> {
  const source = { type: "compose", compose: o.compose };
  return createApp(client, projectId, {
    name: o.name,
    hostId: o.hostId,
    mode: o.mode ?? "standalone",
    source,
  });
}

/** Standalone app `name` in the project with no source yet (its first deploy gives it one); its id. */
export function createEmptyApp(client: ApiClient, projectId: string, name: string, hostId: string) {
  return createApp(client, projectId, { name, hostId, mode: "standalone" });
}

/** A one-container app of tenant `t` that sleeps (busybox), deployed (200); its id and its container as listed. */
export async function deploySleeper(t: TenantSetup, hostId: string, name: string) {
  const appId = await createEmptyApp(t.dev, t.projectId, name, hostId);
  const source = {
    type: "image",
    image: { image: "wharf-busybox:latest", command: ["sleep", "3600"], replicas: 1 },
  };
  const d = await t.dev.post(`/apps/${appId}/deploy`, { source });
  if (d.status !== 200) throw new Error(`deploy ${name}: ${d.status} ${JSON.stringify(d.body)}`);
  const [container] = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
  return { appId, container };
}

/** createComposeApp, then a deploy of the same compose (200: it has run); the app's id. */
export async function deployComposeApp(client: ApiClient, projectId: string, o: ComposeApp): Promise<string> {
  const appId = await createComposeApp(client, projectId, o);
  const d = await client.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose: o.compose } });
  if (d.status !== 200) throw new Error(`deploy ${o.name}: ${d.status} ${JSON.stringify(d.body)}`);
  return appId;
}

/** The voting-app compose file as in examples/, on free host ports so parallel runs do not collide. */
export async function votingCompose(): Promise<{ compose: string; votePort: number; resultPort: number }> {
  const [votePort, resultPort] = [await freePort(), await freePort()];
  const text = stripBuildKeys(fs.readFileSync("examples/voting-app/docker-compose.yml", "utf8"));
  return {
    compose: text.replace('"5000:80"', `"${votePort}:80"`).replace('"5001:80"', `"${resultPort}:80"`),
    votePort,
    resultPort,
  };
}

/** Every engine object that carries this label (value optional). */
export async function objectsWithLabel(label: string) {
  const filters = { label: [label] };
  const [containers, networks, volumes, services] = await Promise.all([
    engine.listContainers({ all: true, filters }),
    engine.listNetworks({ filters }),
    engine.listVolumes({ filters }).then((v) => v.Volumes ?? []),
    engine.listServices({ filters }).catch(() => []),
  ]);
  return { containers, networks, volumes, services };
}

/** Safety net after a suite: removes whatever the tenants' apps left behind. */
export async function removeTenantObjects(tenantIds: string[]) {
  for (const id of tenantIds) {
    const o = await objectsWithLabel(`wharf.tenant=${id}`);
    // In this order (a service's tasks before their networks, containers before their volumes), one at a time.
    const removals = [
      ...o.services.map((s) => () => engine.getService(s.ID).remove()),
      ...o.containers.map((c) => () => engine.getContainer(c.Id).remove({ force: true, v: true })),
      ...o.networks.map((n) => () => engine.getNetwork(n.Id).remove()),
      ...o.volumes.map((v) => () => engine.getVolume(v.Name).remove()),
    ];
    for (const remove of removals) await remove().catch(() => undefined);
  }
}

/** Removes an image from the engine if it is there: a suite's clean-up, where a missing image is no failure. */
export async function removeImage(ref: string, opts: { force?: boolean; noprune?: boolean }): Promise<void> {
  await engine
    .getImage(ref)
    .remove(opts)
    .catch(() => undefined);
}

/** GET over HTTP from the host, as a user of the app would. */
export async function httpStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.text();
    return res.status;
  } catch {
    return 0;
  }
}

export async function eventually<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
}

const swarmScript = (cmd: string) =>
  execFileSync("bash", ["scripts/services/swarm.sh", cmd], { stdio: "inherit" });

/** Makes the local engine a single-node Swarm for a suite; returns whether it was one already (for leaveSwarm). */
export async function joinSwarm(): Promise<boolean> {
  const active = (await engine.info()).Swarm?.LocalNodeState === "active";
  if (!active) swarmScript("init");
  return active;
}

/** Leaves only a Swarm this suite started (swarm.sh also checks that its own init created it). */
export async function leaveSwarm(wasActive: boolean): Promise<void> {
  if (!wasActive) swarmScript("leave");
}

export type AdminWorld = {
  server: WharfServer;
  admin: ApiClient;
  hostId: string;
  /** A fresh tenant with the host granted, a developer and a project; `stop` removes its objects. */
  tenant: (name: string, quotas?: Record<string, number>) => Promise<TenantSetup>;
  /** The ids of the tenants made with `tenant`, oldest first. */
  tenantIds: readonly string[];
  stop: () => Promise<void>;
};

/**
 * A test file's set-up: a production server, its admin and the local host, on a single-node Swarm when `swarm`.
 * `stop` removes the objects of every tenant made with `tenant`, stops the server and leaves only a Swarm it joined.
 */
export async function startAdminWorld(
  opts: { swarm?: boolean; env?: Record<string, string> } = {},
): Promise<AdminWorld> {
  const swarmWasActive = opts.swarm ? await joinSwarm() : true;
  const tenantIds: string[] = [];
  let server: WharfServer | undefined;
  const stop = async () => {
    await removeTenantObjects(tenantIds);
    await server?.stop();
    await leaveSwarm(swarmWasActive);
  };
  // A set-up that fails halfway still stops what it started (there is no world for afterAll to stop).
  try {
    server = await startWharfServer({ env: opts.env });
    const admin = await adminClient(server);
    const hostId = await localHostId(admin);
    const tenant = async (name: string, quotas: Record<string, number> = {}) => {
      const t = await setupTenant(admin, hostId, name, quotas);
      tenantIds.push(t.tenantId);
      return t;
    };
    return { server, admin, hostId, tenant, tenantIds, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export type TenantWorld = AdminWorld & { t: TenantSetup };

/** `startAdminWorld` with one fresh tenant (named `label` plus a stamp, with `quotas`). */
export async function startTenantWorld(
  label: string,
  opts: { swarm?: boolean; quotas?: Record<string, number> } = {},
): Promise<TenantWorld> {
  const world = await startAdminWorld(opts);
  const t = await world
    .tenant(`${label} ${Date.now().toString(36)}`, opts.quotas)
    .catch(async (err: unknown) => {
      await world.stop();
      throw err;
    });
  return { ...world, t };
}
