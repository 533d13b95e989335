import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEmptyApp,
  engine,
  freePort,
  startAdminWorld,
  type AdminWorld,
  type TenantSetup,
} from "./helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";

// The app page as a hub: replicas carry their container ids, one service restarts alone (per tenant, audited).
const uniq = Date.now().toString(36);
const compose = `services:
  web:
    image: wharf-busybox:latest
    command: ["sleep", "3600"]
    deploy: { replicas: 2 }
  db:
    image: wharf-busybox:latest
    command: ["sleep", "3600"]
`;
let world: AdminWorld | undefined;
let admin: ApiClient;
let hostId: string;
let a: TenantSetup;
let b: TenantSetup;
let appId = "";

const startedAt = async () =>
  Object.fromEntries(
    await Promise.all(
      (await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } })).map(
        async (c) => [c.Id, (await engine.getContainer(c.Id).inspect()).State.StartedAt] as const,
      ),
    ),
  );

beforeAll(async () => {
  world = await startAdminWorld();
  ({ admin, hostId } = world);
  a = await world.tenant(`Hub A ${uniq}`);
  b = await world.tenant(`Hub B ${uniq}`);
  appId = await createEmptyApp(a.dev, a.projectId, "hub", hostId);
  const res = await a.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
  if (res.status !== 200) throw new Error(`deploy: ${res.status} ${JSON.stringify(res.body)}`);
}, 120_000);

afterAll(() => world?.stop());

describe("the app page's services", () => {
  it("list each replica with the id of its container on the engine", async () => {
    const app = (await a.dev.get(`/apps/${appId}`)).body;
    const ids = app.services
      .flatMap((s: { replicas: { id: string }[] }) => s.replicas.map((r) => r.id))
      .sort();
    const onEngine = (await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } }))
      .map((c) => c.Id)
      .sort();
    expect(ids).toEqual(onEngine);
    expect(ids).toHaveLength(3);
    expect(app.hostAddress).toBeNull();
  });

  it("restart one service: its containers restart, the other service's do not, and it is audited", async () => {
    const webIds = (
      await engine.listContainers({ filters: { label: [`wharf.app=${appId}`, "wharf.service=web"] } })
    ).map((c) => c.Id);
    const before = await startedAt();
    const res = await a.dev.post(`/apps/${appId}/services/web/restart`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await startedAt();
    for (const [id, t] of Object.entries(before))
      if (webIds.includes(id)) expect(after[id]).not.toBe(t);
      else expect(after[id]).toBe(t);
    const audit = await admin.get(`/audit?action=app.service.restart`);
    expect(JSON.stringify(audit.body)).toContain(appId);
  });

  it("refuses an unknown service, another tenant and a viewer, and restarts nothing", async () => {
    const before = await startedAt();
    expect((await a.dev.post(`/apps/${appId}/services/nope/restart`)).status).toBe(404);
    expect((await b.dev.post(`/apps/${appId}/services/web/restart`)).status).toBe(404);
    const { client: viewer } = await createUserClient(admin, `viewer-${uniq}@wharf.test`, {
      memberships: [{ tenantId: a.tenantId, role: "viewer" }],
    });
    expect((await viewer.post(`/apps/${appId}/services/web/restart`)).status).toBe(403);
    expect(await startedAt()).toEqual(before);
  });
});

const webOn = (port: number, command = '["sleep", "3600"]') => `services:
  web:
    image: wharf-busybox:latest
    command: ${command}
    ports: ["${port}:80"]
`;

describe("a first deploy that fails", () => {
  it("is refused at plan time on a host port another tenant holds, without naming them; nothing is created", async () => {
    const port = await freePort();
    const holder = await createEmptyApp(b.dev, b.projectId, "holder", hostId);
    const held = await b.dev.post(`/apps/${holder}/deploy`, {
      source: { type: "compose", compose: webOn(port) },
    });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    const appsBefore = (await a.dev.get(`/projects/${a.projectId}/apps`)).body.items.length;
    const res = await a.dev.post(`/projects/${a.projectId}/apps`, {
      name: "clash",
      hostId,
      mode: "standalone",
      source: { type: "compose", compose: webOn(port) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.error.fields["services.web.ports"]).toContain(`host port ${port}/tcp is already in use`);
    const text = JSON.stringify(res.body);
    for (const secret of [b.slug, b.tenantId, "holder", holder]) expect(text).not.toContain(secret);
    expect((await a.dev.get(`/projects/${a.projectId}/apps`)).body.items).toHaveLength(appsBefore);
  });

  it("is refused at plan and deploy on a port a container outside Wharf holds", async () => {
    const port = await freePort();
    const outside = await engine.createContainer({
      Image: "wharf-busybox:latest",
      Cmd: ["sleep", "3600"],
      HostConfig: { PortBindings: { "80/tcp": [{ HostPort: String(port) }] } },
      ExposedPorts: { "80/tcp": {} },
    });
    try {
      await outside.start();
      const id = await createEmptyApp(a.dev, a.projectId, "outside", hostId);
      const source = { type: "compose", compose: webOn(port) };
      expect((await a.dev.post(`/apps/${id}/plan`, { source })).status).toBe(409);
      const deploy = await a.dev.post(`/apps/${id}/deploy`, { source });
      expect(deploy.status).toBe(409);
      expect(deploy.body.error.fields).toHaveProperty(["services.web.ports"]);
      expect((await a.dev.get(`/apps/${id}/revisions`)).body.items).toEqual([]);
    } finally {
      await outside.remove({ force: true });
    }
  });

  it("keeps its source for the edit form, refuses a rollback to the failed revision, then deploys fixed", async () => {
    const port = await freePort();
    const id = await createEmptyApp(a.dev, a.projectId, "fails", hostId);
    const broken = webOn(port, '["sh", "-c", "echo boom; exit 3"]');
    const failed = await a.dev.post(`/apps/${id}/deploy`, { source: { type: "compose", compose: broken } });
    expect(failed.status).toBe(422);
    const app = (await a.dev.get(`/apps/${id}`)).body;
    expect(app).toMatchObject({ status: "failed", currentRevision: null });
    expect(app.source).toEqual({ type: "compose", text: broken });
    const back = await a.dev.post(`/apps/${id}/rollback`, { revision: 1 });
    expect(back.status).toBe(409);
    expect(back.body.error.message).toContain("Revision 1 failed");
    const fixed = await a.dev.post(`/apps/${id}/deploy`, {
      source: { type: "compose", compose: webOn(port) },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect((await a.dev.get(`/apps/${id}`)).body).toMatchObject({ status: "running", currentRevision: 2 });
  });
});

describe("a staged scale", () => {
  const count = async (service: string) =>
    (
      await engine.listContainers({
        all: true,
        filters: { label: [`wharf.app=${appId}`, `wharf.service=${service}`] },
      })
    ).length;

  it("previews several services' replicas without changing anything, then applies them as one revision", async () => {
    const revisions = async () => (await a.dev.get(`/apps/${appId}/revisions`)).body.items.length;
    const before = await revisions();
    const plan = await a.dev.post(`/apps/${appId}/scale/plan`, { services: { web: 1, db: 3 } });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    const actions = Object.fromEntries(
      plan.body.services.map((s: { service: string; action: string; to: number }) => [
        s.service,
        [s.action, s.to],
      ]),
    );
    expect(actions).toEqual({ web: ["scale", 1], db: ["scale", 3] });
    expect([await count("web"), await count("db"), await revisions()]).toEqual([2, 1, before]);

    const res = await a.dev.post(`/apps/${appId}/scale`, { services: { web: 1, db: 3 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect([await count("web"), await count("db"), await revisions()]).toEqual([1, 3, before + 1]);
    expect((await a.dev.get(`/apps/${appId}/revisions`)).body.items[0].message).toBe(
      "scale web to 1, db to 3",
    );
  });

  it("refuses bad input by field, unknown services, and another tenant, changing nothing", async () => {
    const bad = await a.dev.post(`/apps/${appId}/scale/plan`, { services: { web: -1 } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["services.web"]);
    expect((await a.dev.post(`/apps/${appId}/scale`, {})).status).toBe(422);
    expect((await a.dev.post(`/apps/${appId}/scale`, { services: { nope: 2 } })).status).toBe(404);
    expect((await b.dev.post(`/apps/${appId}/scale/plan`, { services: { web: 2 } })).status).toBe(404);
    expect((await b.dev.post(`/apps/${appId}/scale`, { services: { web: 2 } })).status).toBe(404);
    expect([await count("web"), await count("db")]).toEqual([1, 3]);
  });
});

describe("a revision against the current one", () => {
  type Line = { op: string; text: string };
  const changedLines = (lines: Line[]) =>
    lines.filter((l) => l.op !== "same").map((l) => `${l.op} ${l.text.trim()}`);

  it("names the services and lines a rollback would change; after the rollback they are identical", async () => {
    // Revision 1 deployed web ×2 and db ×1; the staged scale above made revision 2 (web ×1, db ×3).
    const d = await a.dev.get(`/apps/${appId}/revisions/1/diff`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ revision: 1, outcome: "succeeded", current: 2, identical: false });
    expect(d.body.services).toEqual([
      { service: "web", change: "changed", fields: ["replicas"] },
      { service: "db", change: "changed", fields: ["replicas"] },
    ]);
    expect(changedLines(d.body.lines).sort()).toEqual(
      ["remove replicas: 1", "add replicas: 2", "remove replicas: 3", "add replicas: 1"].sort(),
    );
    expect(d.body.compose).toContain("image: wharf-busybox:latest");
    expect(d.body.source).toEqual({ type: "compose", text: compose });

    const back = await a.dev.post(`/apps/${appId}/rollback`, { revision: 1 });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    const running = async (service: string) =>
      (
        await engine.listContainers({
          filters: { label: [`wharf.app=${appId}`, `wharf.service=${service}`] },
        })
      ).length;
    expect([await running("web"), await running("db")]).toEqual([2, 1]);
    const after = (await a.dev.get(`/apps/${appId}/revisions/1/diff`)).body;
    expect(after).toMatchObject({ current: 3, identical: true });
    expect(changedLines(after.lines)).toEqual([]);
  });

  it("is a 404 for another tenant and a missing revision, and a 422 for a number that is not one", async () => {
    expect((await b.dev.get(`/apps/${appId}/revisions/1/diff`)).status).toBe(404);
    expect((await a.dev.get(`/apps/${appId}/revisions/99/diff`)).status).toBe(404);
    expect((await a.dev.get(`/apps/${appId}/revisions/x/diff`)).status).toBe(422);
  });
});
