// Deploys pull private images with the tenant's registry credentials (Registries), streaming progress.
// Real registry (scripts/services/registry.sh, htpasswd), real engine: the image is pushed, its local
// name removed, then deployed — first with no registry registered (refused clearly, the running
// revision untouched), then with one (pulled and running). The password appears nowhere.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, removeImage, startAdminWorld, type AdminWorld, type TenantSetup } from "./helpers";
import { allowEgress } from "../helpers/egress";
import { postRegistry, startedRegistry } from "../helpers/registry";
import type { ApiClient } from "../helpers/api-client";
import type { WharfServer } from "../helpers/wharf-server";

let world: AdminWorld | undefined;
let server: WharfServer;
let admin: ApiClient;
let hostId: string;
let t: TenantSetup;
let reg: { user: string; password: string; addr: string };
const repo = `wharf-it/pull-${Date.now().toString(36)}`;
let remote = "";

beforeAll(async () => {
  reg = startedRegistry();
  remote = `${reg.addr}/${repo}:v1`;
  // Push a runnable image to the registry through the engine, then drop its local name.
  await engine.getImage("wharf-busybox:latest").tag({ repo: `${reg.addr}/${repo}`, tag: "v1" });
  const push = await engine
    .getImage(remote)
    .push({ authconfig: { username: reg.user, password: reg.password, serveraddress: reg.addr } });
  const out = await new Promise<string>((resolve, reject) => {
    let s = "";
    push.on("data", (c: Buffer) => (s += c));
    push.on("end", () => resolve(s));
    push.on("error", reject);
  });
  if (/"error"/.test(out)) throw new Error(`push failed: ${out}`);
  await engine.getImage(remote).remove({ noprune: true });
  world = await startAdminWorld({ swarm: true });
  ({ server, admin, hostId } = world);
  await allowEgress(admin, reg.addr, "the test registry");
  t = await world.tenant(`Pull ${Date.now().toString(36)}`);
});

afterAll(async () => {
  await world?.stop();
  await removeImage(remote, { noprune: true });
});

const compose = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n`;
const lines = (body: unknown) =>
  String(body)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("deploying an image from a tenant's private registry", () => {
  let appId = "";
  let firstContainer = "";

  it("without a registry for the tenant: refused naming the image and the missing authentication; revision 1 keeps running", async () => {
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "private",
      hostId,
      mode: "standalone",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    appId = created.body.app.id;
    const first = await t.dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose("wharf-busybox:latest") },
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const before = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(before).toHaveLength(1);
    firstContainer = before[0].Id;
    await expect(engine.getImage(remote).inspect()).rejects.toThrow();

    const res = await t.dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: compose(remote) },
    });
    // Images a tenant does not own are pulled with its credentials while planning (docs/security.md,
    // "Images"): a refused pull is a 403 before any revision is recorded.
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(`image "${remote}"`);
    expect(res.body.error.message).toMatch(/authentication required/);
    expect(res.body.error.message).toContain(`no registry for ${reg.addr}`);
    expect(res.body.error.fields["services.app.image"]).toMatch(/authentication required/);
    const after = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(after.map((c) => c.Id)).toEqual([firstContainer]);
    expect((await t.dev.get(`/apps/${appId}`)).body.currentRevision).toBe(1);
  });

  it("with the registry registered through the API: pulls with the credentials, streams progress, runs", async () => {
    const r = await postRegistry(t.dev, t.tenantId, "Private", reg);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const res = await t.dev.post(
      `/apps/${appId}/deploy`,
      { source: { type: "compose", compose: compose(remote) } },
      { accept: "application/x-ndjson" },
    );
    expect(res.status).toBe(200);
    const events = lines(res.body);
    const end = events.at(-1);
    expect(end, JSON.stringify(events)).toMatchObject({ type: "result", result: { changed: true } });
    const pulling = events.filter((e) => e.phase === "pulling").map((e) => e.message);
    expect(pulling[0]).toBe(`pulling ${remote} (as ${reg.user} on ${reg.addr})`);
    expect(
      pulling.some(
        (m: string) =>
          m.startsWith(`pulling ${remote}: `) &&
          /Pulling from|Digest|Status|Pull complete|Already exists/.test(m),
      ),
    ).toBe(true);
    const running = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    expect(running).toHaveLength(1);
    expect(running[0].Image).toBe(remote);
    expect(running[0].Id).not.toBe(firstContainer);
    expect(JSON.stringify(events)).not.toContain(reg.password);
  });

  it("records only the good revisions (the refused pull recorded none), and the password appears in no audit event, revision or server log", async () => {
    const audit = await admin.get(`/audit?limit=200`);
    expect(JSON.stringify(audit.body)).not.toContain(reg.password);
    const revisions = await t.dev.get(`/apps/${appId}/revisions`);
    expect(revisions.body.items.map((x: { outcome: string }) => x.outcome)).toEqual([
      "succeeded",
      "succeeded",
    ]);
    expect(JSON.stringify(revisions.body)).not.toContain(reg.password);
    const log = fs.readFileSync(path.join(server.dataDir, "server.log"), "utf8");
    expect(log).not.toContain(reg.password);
  });

  it("on a Swarm: the service is created with the credentials (X-Registry-Auth), so the node pulls and the task runs", async () => {
    await removeImage(remote, { noprune: true });
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "private-swarm",
      hostId,
      mode: "swarm",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await t.dev.post(`/apps/${created.body.app.id}/deploy`, {
      source: { type: "compose", compose: compose(remote) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [svc] = await engine.listServices({ filters: { label: [`wharf.app=${created.body.app.id}`] } });
    const tasks = await engine.listTasks({ filters: { service: [svc.ID], "desired-state": ["running"] } });
    expect(tasks.map((k) => k.Status?.State)).toEqual(["running"]);
    expect(
      String(
        svc.Spec?.TaskTemplate && "ContainerSpec" in svc.Spec.TaskTemplate
          ? svc.Spec.TaskTemplate.ContainerSpec?.Image
          : "",
      ),
    ).toContain(remote);
  });
});
