// Issue 12, item 1, on a multi-node Swarm: a node resolves a service's image in its own store, so the same
// name may be other content on a worker than on the manager, where Wharf checks it. Here an admin shares a
// reference whose content sits on the manager; each worker also holds that content (under a second name),
// but its copy of the shared *name* is an impostor. A service naming the image by name — what Wharf did
// before — runs the impostor on the workers (the control, made straight on the engine). Wharf's deploy must
// run the approved content on every node: the service names its id (it has no registry digest), decided on
// the manager from Wharf's records (the shared list), whatever the workers hold under the name. Then the
// same with an image in the tenant's registry on the Swarm bridge, which the workers also hold an impostor
// of: Wharf pulls it on the manager with the tenant's credentials, and the service names its digest, so the
// workers pull exactly that content instead of using theirs.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminClient, setupTenant, type TenantSetup } from "../deploy/helpers";
import { allowEgress } from "../helpers/egress";
import { commitImage } from "../helpers/registry";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";
import { downCluster, removeTenantServices, upCluster, type SwarmCluster } from "../swarm/cluster";
import type { ApiClient } from "../helpers/api-client";
import type Docker from "dockerode";

const uniq = Date.now().toString(36);
const REPO = `wharf-own-swarm-${uniq}`;
const REF = `${REPO}:1`;
const COPY = `${REPO}-copy`;
let c: SwarmCluster;
let server: WharfServer;
let admin: ApiClient;
let t: TenantSetup;
let hostId = "";
let approvedId = "";
let workers: [string, Docker][] = [];
let REMOTE = "";
let remoteId = "";
const impostorIds = new Set<string>();

async function follow(stream: NodeJS.ReadableStream): Promise<void> {
  await new Promise((resolve, reject) =>
    c.manager.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) =>
      err || out.some((o) => o.error) ? reject(err ?? new Error(JSON.stringify(out))) : resolve(null),
    ),
  );
}

async function load(from: Docker, image: string, to: Docker) {
  const tar = await from.getImage(image).get();
  await new Promise<void>((resolve, reject) => {
    void to.loadImage(tar, {}, (err: unknown, out?: NodeJS.ReadableStream) => {
      if (err || !out) return reject(err ?? new Error("no load output"));
      out.on("data", () => {});
      out.on("end", () => resolve());
      out.on("error", reject);
    });
  });
}

type RawTask = {
  NodeID: string;
  DesiredState: string;
  Status: { State: string; ContainerStatus?: { ContainerID?: string } };
};

/** node hostname → the image id of the task container there, once every task meant to run runs (a drained node has none). */
async function runningImages(serviceId: string): Promise<Record<string, string>> {
  const names = Object.fromEntries(
    ((await c.manager.listNodes()) as { ID: string; Description: { Hostname: string } }[]).map((n) => [
      n.ID,
      n.Description.Hostname,
    ]),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const tasks = (await c.manager.listTasks({ filters: { service: [serviceId] } })) as RawTask[];
    const wanted = tasks.filter((k) => k.DesiredState === "running");
    if (wanted.length > 1 && wanted.every((k) => k.Status.State === "running")) {
      const out: Record<string, string> = {};
      for (const k of wanted) {
        const node = names[k.NodeID];
        const info = await c.engines[node].getContainer(k.Status.ContainerStatus!.ContainerID!).inspect();
        out[node] = info.Image;
      }
      return out;
    }
    if (Date.now() > deadline)
      throw new Error(`tasks not all running: ${JSON.stringify(tasks.map((k) => k.Status))}`);
    await sleep(500);
  }
}

/** A developer's global Swarm app running `image`; its service and the image the service names. */
async function deployGlobal(name: string, image: string) {
  const app = await t.dev.post(`/projects/${t.projectId}/apps`, { name, hostId, mode: "swarm" });
  expect(app.status, JSON.stringify(app.body)).toBe(201);
  const appId: string = app.body.app.id;
  const compose = ["services:", "  s:", `    image: ${image}`, '    command: ["sleep", "3600"]'];
  compose.push("    deploy:", "      mode: global");
  const dep = await t.dev.post(`/apps/${appId}/deploy`, {
    source: { type: "compose", compose: compose.join("\n") },
  });
  expect(dep.status, JSON.stringify(dep.body)).toBe(200);
  const [svc] = await c.manager.listServices({ filters: { label: [`wharf.app=${appId}`] } });
  const template = svc.Spec?.TaskTemplate;
  return { appId, svc, image: template && "ContainerSpec" in template ? template.ContainerSpec?.Image : "" };
}

beforeAll(async () => {
  c = upCluster();
  // Wharf checks the registry's login over HTTPS: it trusts the CA the set-up made for it.
  server = await startWharfServer({ env: { NODE_EXTRA_CA_CERTS: c.registry.ca } });
  admin = await adminClient(server);
  const host = await admin.post("/hosts", { name: `swarm-own-${uniq}`, url: c.managerUrl });
  expect(host.status, JSON.stringify(host.body)).toBe(201);
  hostId = host.body.id;
  t = await setupTenant(admin, hostId, `Swarm own ${uniq}`);
  // The approved content, on the manager.
  await commitImage(c.manager, REPO, "1");
  approvedId = (await c.manager.getImage(REF).inspect()).Id;
  const manager = Object.keys(c.engines)[0];
  workers = Object.entries(c.engines).filter(([n]) => n !== manager);
  for (const [, w] of workers) {
    await load(c.manager, REF, w); // the same content (same id) on the worker…
    await w.getImage(REF).tag({ repo: COPY, tag: "1" }); // …kept under a second name,
    await commitImage(w, REPO, "1"); // while the shared name there now means an impostor.
    const there = (await w.getImage(REF).inspect()).Id;
    expect(there).not.toBe(approvedId);
    impostorIds.add(there);
  }
  const shared = await admin.post("/images/shared", { reference: REF, note: "swarm ownership test" });
  expect(shared.status, JSON.stringify(shared.body)).toBe(201);
}, 300_000);

afterAll(async () => {
  if (c && t) await removeTenantServices(c, t.tenantId);
  await server?.stop();
  await sleep(3000); // Swarm removes the task containers shortly after the services
  for (const engine of Object.values(c?.engines ?? {}))
    for (const ref of [REF, `${COPY}:1`, REMOTE, approvedId, remoteId, ...impostorIds])
      await engine
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
  downCluster(c);
}, 120_000);

describe("image access on a multi-node Swarm", () => {
  it("control: a service naming the image runs the workers' impostor (the setup is adversarial)", async () => {
    const created = (await c.manager.createService({
      Name: `own-control-${uniq}`,
      Labels: { "wharf.tenant": t.tenantId },
      TaskTemplate: { ContainerSpec: { Image: REF, Command: ["sleep", "3600"] } },
      Mode: { Global: {} },
    })) as { id?: string; ID?: string };
    const id = created.id ?? created.ID ?? "";
    try {
      const images = await runningImages(id);
      const onWorkers = workers.map(([n]) => images[n]).filter(Boolean);
      expect(onWorkers.length).toBeGreaterThan(0);
      for (const image of onWorkers) expect(impostorIds.has(image)).toBe(true);
    } finally {
      await c.manager.getService(id).remove();
    }
  }, 120_000);

  it("a tenant's Swarm app runs the approved content on every node, pinned by id", async () => {
    const { appId, svc, image } = await deployGlobal("pinned", REF);
    expect(image).toBe(approvedId);
    const images = await runningImages(svc.ID);
    expect(workers.some(([n]) => images[n])).toBe(true); // at least one task on a worker
    for (const [node, image] of Object.entries(images)) expect(image, node).toBe(approvedId);
    // The revision keeps what the developer wrote.
    const rev = await t.dev.get(`/apps/${appId}/revisions/1`);
    expect(rev.body.spec.services.s.image).toBe(REF);
  }, 180_000);

  it("an image from the tenant's registry is pinned by digest: workers pull that content, not their own", async () => {
    const reg = c.registry;
    REMOTE = `${reg.host}/own-swarm-${uniq}:1`;
    const [repo] = REMOTE.split(/:(?=[^:]+$)/);
    await commitImage(c.manager, repo, "1");
    remoteId = (await c.manager.getImage(REMOTE).inspect()).Id;
    const auth = { username: reg.user, password: reg.password, serveraddress: reg.host };
    await follow(await c.manager.getImage(REMOTE).push({ authconfig: auth }));
    for (const [, w] of workers) {
      await commitImage(w, repo, "1"); // an impostor under the registry's name, never pushed
      impostorIds.add((await w.getImage(REMOTE).inspect()).Id);
    }
    await allowEgress(admin, reg.host, "the Swarm test registry");
    const r = await t.dev.post("/registries", {
      tenantId: t.tenantId,
      name: "swarm bridge",
      url: `https://${reg.host}`,
      username: reg.user,
      password: reg.password,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { svc, image } = await deployGlobal("digest", REMOTE);
    expect(image).toMatch(new RegExp(`^${REMOTE.replaceAll(".", "\\.")}@sha256:[0-9a-f]{64}$`));
    const images = await runningImages(svc.ID);
    expect(workers.some(([n]) => images[n])).toBe(true);
    for (const [node, id] of Object.entries(images)) expect(id, node).toBe(remoteId);
  }, 180_000);
});
