import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  engine,
  eventually,
  httpStatus,
  objectsWithLabel,
  startAdminWorld,
  votingCompose,
  type AdminWorld,
  type TenantSetup,
} from "./helpers";
import { auditOutcomes, type ApiClient } from "../helpers/api-client";

let world: AdminWorld;
let admin: ApiClient;
let hostId: string;
let acme: TenantSetup;
/** Another fresh tenant of the world, the host granted. */
const tenant = (name: string, quotas?: Record<string, number>) =>
  world.tenant(`${name} ${Date.now().toString(36)}`, quotas);

beforeAll(async () => {
  world = await startAdminWorld();
  ({ admin, hostId } = world);
  acme = await tenant("Acme");
});

afterAll(() => world?.stop());

const workerNames = async (appId: string) =>
  (
    await engine.listContainers({
      all: true,
      filters: { label: [`wharf.app=${appId}`, "wharf.service=worker"] },
    })
  )
    .map((c) => c.Names[0].replace(/^\//, ""))
    .sort();

describe("the voting app on a standalone host", () => {
  let appId = "";
  let ports: { votePort: number; resultPort: number };
  let compose = "";

  it("plans, then deploys the sample as a developer: every service up, vote and result answer", async () => {
    const v = await votingCompose();
    ports = v;
    compose = v.compose;
    const created = await acme.dev.post(`/projects/${acme.projectId}/apps`, {
      name: "voting-app",
      hostId,
      mode: "standalone",
      source: { type: "compose", compose },
    });
    expect(created.status).toBe(201);
    appId = created.body.app.id;
    expect(created.body.plan.services.map((s: { action: string }) => s.action)).toEqual([
      "create",
      "create",
      "create",
      "create",
      "create",
    ]);

    const plan = await acme.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose } });
    expect(plan.status).toBe(200);
    expect(plan.body.usage).toMatchObject({ containers: 5, memoryMb: 1280 });

    const res = await acme.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ changed: true, revision: 1 });

    const app = (await acme.dev.get(`/apps/${appId}`)).body;
    expect(app.status).toBe("running");
    expect(
      Object.fromEntries(app.services.map((s: { name: string; running: number }) => [s.name, s.running])),
    ).toEqual({ vote: 1, result: 1, worker: 1, redis: 1, db: 1 });
    expect(await httpStatus(`http://127.0.0.1:${ports.votePort}/`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${ports.resultPort}/cgi-bin/results`)).toBe(200);

    // Scoped names and server-stamped labels on containers, networks and the volume.
    const o = await objectsWithLabel(`wharf.app=${appId}`);
    expect(o.containers.map((c) => c.Names[0]).sort()).toContain(
      `/wharf_${acme.slug}_shop_voting-app_vote_1`,
    );
    expect(
      o.containers.every(
        (c) => c.Labels["wharf.tenant"] === acme.tenantId && c.Labels["wharf.project"] === acme.projectId,
      ),
    ).toBe(true);
    expect(o.networks.map((n) => n.Name).sort()).toEqual([
      `wharf_${acme.slug}_shop_voting-app_back-tier`,
      `wharf_${acme.slug}_shop_voting-app_front-tier`,
    ]);
    expect(o.volumes.map((v) => v.Name)).toEqual([`wharf_${acme.slug}_shop_voting-app_db-data`]);
  });

  it("re-applying the same spec changes nothing and records no revision", async () => {
    const before = (await objectsWithLabel(`wharf.app=${appId}`)).containers.map((c) => c.Id).sort();
    const plan = await acme.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose } });
    expect(plan.body.changes).toBe(0);
    const res = await acme.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
    expect(res.body).toMatchObject({ changed: false, revision: 1 });
    expect((await objectsWithLabel(`wharf.app=${appId}`)).containers.map((c) => c.Id).sort()).toEqual(before);
    expect((await acme.dev.get(`/apps/${appId}/revisions`)).body.items).toHaveLength(1);
  });

  it("scales worker to 5 with numbered containers, then back to 1", async () => {
    const up = await acme.dev.post(`/apps/${appId}/scale`, { service: "worker", replicas: 5 });
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.plan.services.find((s: { service: string }) => s.service === "worker")).toMatchObject({
      action: "scale",
      from: 1,
      to: 5,
    });
    const prefix = `wharf_${acme.slug}_shop_voting-app_worker_`;
    expect(await workerNames(appId)).toEqual([1, 2, 3, 4, 5].map((i) => `${prefix}${i}`));
    const down = await acme.dev.post(`/apps/${appId}/scale`, { service: "worker", replicas: 1 });
    expect(down.status).toBe(200);
    expect(await workerNames(appId)).toEqual([`${prefix}1`]);
  });

  it("a failing revision says what failed and leaves the previous one serving", async () => {
    const voteBefore = (
      await engine.listContainers({ filters: { label: [`wharf.app=${appId}`, "wharf.service=vote"] } })
    ).map((c) => c.Id);
    const broken = compose.replace(
      "image: wharf-sample/vote:latest",
      'image: wharf-sample/vote:latest\n    command: ["sh", "-c", "echo boom; exit 3"]',
    );
    const res = await acme.dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: broken },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("deploy_failed");
    expect(res.body.error.message).toMatch(/vote: container wharf_.*_vote_1 exited with code 3/);
    expect(res.body.error.message).toMatch(/Revision 3 is still running/);
    expect(res.body.error.fields).toHaveProperty(["services.vote"]);

    // The old vote container is back under its own name and serves again.
    expect(
      await eventually(
        () => httpStatus(`http://127.0.0.1:${ports.votePort}/`),
        (s) => s === 200,
      ),
    ).toBe(200);
    const voteAfter = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.app=${appId}`, "wharf.service=vote"] },
    });
    expect(voteAfter.map((c) => c.Id)).toEqual(voteBefore);
    expect(voteAfter[0].Names[0]).toBe(`/wharf_${acme.slug}_shop_voting-app_vote_1`);

    const revisions = (await acme.dev.get(`/apps/${appId}/revisions`)).body.items;
    expect(revisions[0]).toMatchObject({ number: 4, outcome: "failed", current: false });
    expect(revisions.find((r: { current: boolean }) => r.current).number).toBe(3);
  });

  it("a failing health check is a failed deploy too, and rollback to an earlier revision works", async () => {
    // Redis alone fails its check, and after 2 tries rather than the sample's 15 (30 s of waiting for a verdict).
    const unhealthy = compose.replace(
      /echo PING \| nc -w 2 127\.0\.0\.1 6379 \| grep -q PONG"\]\n(\s+)interval: 2s\n\s+timeout: 3s\n\s+retries: 15/,
      'echo no; exit 1"]\n$1interval: 1s\n$1timeout: 3s\n$1retries: 2',
    );
    expect(unhealthy).not.toBe(compose);
    const res = await acme.dev.post(`/apps/${appId}/deploy`, {
      source: { type: "compose", compose: unhealthy },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/redis: health check failed/);
    expect(
      (await acme.dev.get(`/apps/${appId}`)).body.services.find((s: { name: string }) => s.name === "redis")
        .running,
    ).toBe(1);

    const rb = await acme.dev.post(`/apps/${appId}/rollback`, { revision: 2 });
    expect(rb.status, JSON.stringify(rb.body)).toBe(200);
    expect(rb.body.revision).toBe(6);
    expect(await workerNames(appId)).toHaveLength(5);
    const audit = await auditOutcomes(admin, "app.");
    expect(audit).toEqual(
      expect.arrayContaining([
        "app.create:success",
        "app.deploy:success",
        "app.deploy:failure",
        "app.scale:success",
        "app.rollback:success",
      ]),
    );
  });

  it("stops, starts and removes the app; named volumes stay unless asked", async () => {
    expect((await acme.dev.post(`/apps/${appId}/stop`)).body.status).toBe("stopped");
    expect((await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } })).length).toBe(0);
    expect((await acme.dev.post(`/apps/${appId}/start`)).body.status).toBe("running");
    expect((await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } })).length).toBe(9);
    const del = await acme.dev.delete(`/apps/${appId}`);
    expect(del.status).toBe(200);
    const o = await objectsWithLabel(`wharf.app=${appId}`);
    expect([o.containers.length, o.networks.length, o.volumes.length]).toEqual([0, 0, 1]);
    await engine.getVolume(o.volumes[0].Name).remove();
  });
});

describe("tenancy and quotas", () => {
  const web = {
    type: "image",
    image: {
      image: "wharf-busybox:latest",
      command: ["httpd", "-f", "-p", "8080", "-h", "/"],
      ports: [{ target: 8080 }],
      replicas: 2,
    },
  };

  it("two tenants deploy the same app name on one host side by side, and cannot see each other's", async () => {
    const beta = await tenant("Beta");
    const ids: string[] = [];
    for (const t of [acme, beta]) {
      const a = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "web", hostId, source: web });
      expect(a.status).toBe(201);
      ids.push(a.body.app.id);
      const d = await t.dev.post(`/apps/${a.body.app.id}/deploy`, { source: web });
      expect(d.status, JSON.stringify(d.body)).toBe(200);
    }
    for (const [i, t] of [acme, beta].entries()) {
      const names = (await objectsWithLabel(`wharf.app=${ids[i]}`)).containers.map((c) => c.Names[0]).sort();
      expect(names).toEqual([`/wharf_${t.slug}_shop_web_app_1`, `/wharf_${t.slug}_shop_web_app_2`]);
    }
    expect((await acme.dev.get(`/apps/${ids[1]}`)).status).toBe(404);
    expect((await acme.dev.post(`/apps/${ids[1]}/scale`, { service: "app", replicas: 0 })).status).toBe(404);
    expect((await beta.dev.delete(`/apps/${ids[0]}`)).status).toBe(404);
    for (const [i, t] of [acme, beta].entries())
      expect((await t.dev.delete(`/apps/${ids[i]}`)).status).toBe(200);
  });

  it("refuses a deploy over quota with the numbers, creating nothing", async () => {
    const small = await tenant("Small", { maxContainers: 3, maxMemoryMb: 600, maxCpus: 4 });
    const ok = await small.dev.post(`/projects/${small.projectId}/apps`, {
      name: "web",
      hostId,
      source: web,
    });
    expect(ok.status).toBe(201);
    expect((await small.dev.post(`/apps/${ok.body.app.id}/deploy`, { source: web })).status).toBe(200);

    const more = { ...web, image: { ...web.image, replicas: 2 } };
    const refused = await small.dev.post(`/projects/${small.projectId}/apps`, {
      name: "more",
      hostId,
      source: more,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("quota_exceeded");
    expect(refused.body.error.fields["quota.containers"]).toBe(
      "containers: 4 needed, quota 3 (other apps hold 2, this app 2)",
    );
    expect(refused.body.error.fields["quota.memoryMb"]).toBe(
      "memory: 1024 MiB needed, quota 600 MiB (other apps hold 512 MiB, this app 512 MiB)",
    );

    const scaled = await small.dev.post(`/apps/${ok.body.app.id}/scale`, { service: "app", replicas: 4 });
    expect(scaled.status).toBe(409);
    expect(scaled.body.error.message).toMatch(/containers: 4 needed, quota 3/);
    const o = await objectsWithLabel(`wharf.tenant=${small.tenantId}`);
    expect(o.containers).toHaveLength(2);
    expect(
      (await small.dev.get(`/projects/${small.projectId}/apps`)).body.items.map(
        (a: { name: string }) => a.name,
      ),
    ).toEqual(["web"]);
    expect((await small.dev.delete(`/apps/${ok.body.app.id}`)).status).toBe(200);
  });

  it("refuses a host that is not granted to the tenant", async () => {
    const other = await tenant("Other");
    await admin.put(`/hosts/${hostId}/grants`, {
      tenantIds: world.tenantIds.filter((t) => t !== other.tenantId),
    });
    const res = await other.dev.post(`/projects/${other.projectId}/apps`, {
      name: "web",
      hostId,
      source: web,
    });
    expect(res.status).toBe(404);
    const byAdmin = await admin.post(`/projects/${other.projectId}/apps`, {
      name: "web",
      hostId,
      source: web,
    });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.error.fields).toEqual({ hostId: "not granted to this tenant" });
  });
});
