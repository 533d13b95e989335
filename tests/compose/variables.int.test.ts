// Issue 15, variables: a developer pastes a compose file that needs variables; the plan lists the missing ones
// and creates nothing; given them, the app is created with its variables and deploys, and the container has the
// values. Secret values are encrypted at rest, never read back (not even to the developer), never in an error or
// the audit log, and masked for viewers wherever a compose file put them.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine, setupTenant, type TenantSetup, startTenantWorld } from "../deploy/helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";
import type { WharfServer } from "../helpers/wharf-server";

const secret = `pw-${randomBytes(8).toString("hex")}`;
const compose = `
services:
  web:
    image: redis:\${TAG:-alpine}
    command: ["sh", "-c", "sleep 3600", "--auth=\${DB_PW}"]
    environment:
      GREETING: \${GREETING}
      PGCONN: "host=db password=\${DB_PW:?the database password}"
`;
let server: WharfServer;
let admin: ApiClient;
let viewer: ApiClient;
let t: TenantSetup;
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;
let hostId: string;
let appId = "";

beforeAll(async () => {
  world = await startTenantWorld("Vars");
  ({ server, admin, hostId, t } = world);
  ({ client: viewer } = await createUserClient(admin, `viewer-${Date.now().toString(36)}@wharf.test`, {
    memberships: [{ tenantId: t.tenantId, role: "viewer" }],
  }));
});

afterAll(async () => {
  await world?.stop();
});

const create = (body: Record<string, unknown> = {}) =>
  t.dev.post(`/projects/${t.projectId}/apps`, {
    name: "vars",
    hostId,
    source: { type: "compose", compose },
    ...body,
  });

describe("app variables", () => {
  it("a first plan lists the missing variables, with their lines, and creates nothing", async () => {
    const res = await create();
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("missing_variables");
    expect(Object.keys(res.body.error.fields)).toEqual(["variables.DB_PW", "variables.GREETING"]);
    expect(res.body.error.fields["variables.GREETING"]).toMatch(
      /^line 7: services\.web\.environment\.GREETING/,
    );
    expect(res.body.error.message).toContain("DB_PW, GREETING");
    expect((await t.dev.get(`/projects/${t.projectId}/apps`)).body.items).toEqual([]);
  });

  it("given them, creates the app with its variables; a secret is never read back", async () => {
    const res = await create({
      variables: [
        { name: "GREETING", value: "hello" },
        { name: "DB_PW", value: secret, secret: true },
      ],
    });
    expect(res.status).toBe(201);
    appId = res.body.app.id;
    const vars = await t.dev.get(`/apps/${appId}/variables`);
    expect(
      vars.body.variables.map((v: { name: string; value: string | null; secret: boolean }) => v),
    ).toEqual([
      expect.objectContaining({ name: "DB_PW", value: null, secret: true }),
      expect.objectContaining({ name: "GREETING", value: "hello", secret: false }),
    ]);
    // At rest: the secret sealed, the plain value plain.
    const db = new Database(path.join(server.dataDir, "wharf.db"), { readonly: true });
    const rows = db.prepare(`SELECT name, value FROM AppVariable WHERE appId = ?`).all(appId) as {
      name: string;
      value: string;
    }[];
    db.close();
    expect(rows.find((r) => r.name === "GREETING")?.value).toBe("hello");
    expect(rows.find((r) => r.name === "DB_PW")?.value).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it("deploys with the values, and the container has them", async () => {
    const res = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [c] = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    const info = await engine.getContainer(c.Id).inspect();
    expect(info.Config.Env).toEqual(
      expect.arrayContaining(["GREETING=hello", `PGCONN=host=db password=${secret}`]),
    );
    expect(info.Config.Cmd).toEqual(["sh", "-c", "sleep 3600", `--auth=${secret}`]);
    expect(info.Config.Image).toBe("redis:alpine");
  });

  it("viewers see masks wherever the file put a secret variable; nothing leaks to the audit log", async () => {
    for (const p of [
      `/apps/${appId}`,
      `/apps/${appId}/revisions/1`,
      `/apps/${appId}/compose`,
      `/apps/${appId}/variables`,
    ]) {
      const res = await viewer.get(p);
      expect(res.status, p).toBe(200);
      expect(JSON.stringify(res.body), p).not.toContain(secret);
    }
    const rev = await viewer.get(`/apps/${appId}/revisions/1`);
    expect(rev.body.spec.services.web.environment).toEqual({ GREETING: "hello", PGCONN: "••••••" });
    // The revision itself is sealed at rest (PGCONN holds the secret, though its name is not secret-looking).
    const db = new Database(path.join(server.dataDir, "wharf.db"), { readonly: true });
    const stored = db.prepare(`SELECT spec FROM Revision WHERE appId = ?`).all(appId) as { spec: string }[];
    db.close();
    expect(stored.every((r) => r.spec.startsWith("v1."))).toBe(true);
    const audit = await admin.get(`/audit?tenantId=${t.tenantId}`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it("an error that would quote a secret value masks it", async () => {
    const bad = `services:\n  web:\n    image: redis:alpine\n    ports: ["\${DB_PW}"]\n`;
    const res = await t.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose: bad } });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it("PUT replaces the set; a secret keeps its value when sent without one, and never turns plain that way", async () => {
    const turn = await t.dev.put(`/apps/${appId}/variables`, {
      variables: [
        { name: "DB_PW", secret: false },
        { name: "GREETING", value: "hi" },
      ],
    });
    expect(turn.status).toBe(422);
    expect(turn.body.error.fields).toEqual({
      "variables.0.value": "a secret becomes plain only with a new value",
    });
    expect((await t.dev.get(`/apps/${appId}/variables`)).body.variables[1].value).toBe("hello"); // unchanged
    const put = await t.dev.put(`/apps/${appId}/variables`, {
      variables: [
        { name: "DB_PW", secret: true },
        { name: "TAG", value: "alpine" },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.variables.map((v: { name: string }) => v.name)).toEqual(["DB_PW", "TAG"]);
    // GREETING is gone: the plan asks for it again; DB_PW kept its value (the plan does not ask for it).
    const plan = await t.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose } });
    expect(plan.status).toBe(422);
    expect(Object.keys(plan.body.error.fields)).toEqual(["variables.GREETING"]);
    const patch = await t.dev.patch(`/apps/${appId}/variables`, {
      variables: [{ name: "GREETING", value: "hello" }],
    });
    expect(patch.status).toBe(200);
    const again = await t.dev.post(`/apps/${appId}/plan`, { source: { type: "compose", compose } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.changes).toBe(0);
  });

  it("viewers cannot write variables; another tenant's app is a 404", async () => {
    const v = await viewer.put(`/apps/${appId}/variables`, { variables: [] });
    expect(v.status).toBe(403);
    const other = await setupTenant(admin, hostId, `Vars2 ${Date.now().toString(36)}`);
    expect((await other.dev.get(`/apps/${appId}/variables`)).status).toBe(404);
    expect(
      (await other.dev.patch(`/apps/${appId}/variables`, { variables: [{ name: "X", value: "1" }] })).status,
    ).toBe(404);
    expect((await t.dev.get(`/apps/${appId}/variables`)).body.variables).toHaveLength(3);
  });
});
