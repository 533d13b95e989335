// Issue 12, item 5: viewers never see secrets; nobody sees them in the audit log or in errors; developers
// see them only where they set them; they are encrypted at rest. A developer deploys an image app whose
// environment holds a marked secret (PIN), a secret-named one (DB_PASSWORD), and a password inside a URL
// (DATABASE_URL), and runs a build with a secret build arg and a URL password. A viewer of the same tenant
// (the least-privileged member) then reads every path that shows them: the app, its revisions, the build,
// the build list and the container. Engine checked: the container really has the values, and the viewer's
// own attempts to deploy change nothing. A compose app marks an innocently named value secret with
// `x-wharf-secret-env` (the compose path's explicit mark): it is masked and encrypted like the others.
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finish } from "../builds/helpers";
import { engine, type TenantSetup, startTenantWorld } from "../deploy/helpers";
import { createUserClient, type ApiClient } from "../helpers/api-client";
import type { WharfServer } from "../helpers/wharf-server";

const MASK = "••••••";
const r = () => randomBytes(6).toString("hex");
const secrets = {
  pin: `pin-${r()}`,
  db: `dbpw-${r()}`,
  url: `urlpw-${r()}`,
  npm: `npm-${r()}`,
  proxy: `proxypw-${r()}`,
  err: `errpw-${r()}`,
  marked: `marked-${r()}`,
};
const all = Object.values(secrets);
let server: WharfServer;
let admin: ApiClient;
let viewer: ApiClient;
let t: TenantSetup;
let world: Awaited<ReturnType<typeof startTenantWorld>> | undefined;
let hostId: string;
let appId = "";
let buildId = "";
let composeAppId = "";

const leaks = (body: unknown) => all.filter((s) => JSON.stringify(body).includes(s));

beforeAll(async () => {
  world = await startTenantWorld("Secrets");
  ({ server, admin, hostId, t } = world);
  ({ client: viewer } = await createUserClient(admin, `viewer-${Date.now().toString(36)}@wharf.test`, {
    memberships: [{ tenantId: t.tenantId, role: "viewer" }],
  }));
  const app = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "api", hostId, mode: "standalone" });
  appId = app.body.app.id;
  const dep = await t.dev.post(`/apps/${appId}/deploy`, {
    source: {
      type: "image",
      image: {
        image: "wharf-busybox:latest",
        command: ["sleep", "3600"],
        env: {
          PIN: secrets.pin,
          DB_PASSWORD: secrets.db,
          DATABASE_URL: `postgres://app:${secrets.url}@db:5432/shop`,
          MODE: "production",
        },
        secretEnv: ["PIN"],
      },
    },
  });
  expect(dep.status, JSON.stringify(dep.body)).toBe(200);
  const web = await t.dev.post(`/projects/${t.projectId}/apps`, { name: "web", hostId, mode: "standalone" });
  composeAppId = web.body.app.id;
  const compose = [
    "services:",
    "  web:",
    "    image: wharf-busybox:latest",
    '    command: ["sleep", "3600"]',
    "    environment:",
    `      LICENSE_CODE: ${secrets.marked}`,
    "      MODE: production",
    "    x-wharf-secret-env: [LICENSE_CODE]",
  ].join("\n");
  const cdep = await t.dev.post(`/apps/${composeAppId}/deploy`, { source: { type: "compose", compose } });
  expect(cdep.status, JSON.stringify(cdep.body)).toBe(200);
  const b = await t.dev.post("/builds", {
    projectId: t.projectId,
    hostId,
    sourceType: "inline",
    inline: { dockerfile: "FROM wharf-busybox:latest\nARG NPM_TOKEN\nARG MIRROR\nRUN true\n" },
    buildArgs: { NPM_TOKEN: secrets.npm, MIRROR: `https://ci:${secrets.proxy}@mirror.example/npm` },
  });
  expect(b.status, JSON.stringify(b.body)).toBe(201);
  buildId = b.body.id;
  expect((await finish(t.dev, buildId)).build.status).toBe("succeeded");
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe("secrets", () => {
  it("the container really runs with them (the deploy was not made harmless)", async () => {
    const [c] = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    const env = (await engine.getContainer(c.Id).inspect()).Config.Env;
    expect(env).toContain(`PIN=${secrets.pin}`);
    expect(env).toContain(`DB_PASSWORD=${secrets.db}`);
    const [w] = await engine.listContainers({ filters: { label: [`wharf.app=${composeAppId}`] } });
    expect((await engine.getContainer(w.Id).inspect()).Config.Env).toContain(
      `LICENSE_CODE=${secrets.marked}`,
    );
  });

  it("a viewer sees none of them on any path, only masks", async () => {
    const [c] = await engine.listContainers({ filters: { label: [`wharf.app=${appId}`] } });
    const paths = [
      `/apps/${appId}`,
      `/apps/${appId}/revisions`,
      `/apps/${appId}/revisions/1`,
      `/apps/${appId}/compose`,
      `/builds/${buildId}`,
      `/builds?projectId=${t.projectId}`,
      `/containers/${c.Id}`,
      `/apps/${composeAppId}`,
      `/apps/${composeAppId}/revisions/1`,
      `/apps/${composeAppId}/compose`,
    ];
    for (const p of paths) {
      const res = await viewer.get(p);
      expect(res.status, p).toBe(200);
      expect(leaks(res.body), p).toEqual([]);
    }
    const rev = (await viewer.get(`/apps/${appId}/revisions/1`)).body;
    expect(rev.spec.services.app.environment).toEqual({
      PIN: MASK,
      DB_PASSWORD: MASK,
      DATABASE_URL: `postgres://app:${MASK}@db:5432/shop`,
      MODE: "production",
    });
    const marked = (await viewer.get(`/apps/${composeAppId}/revisions/1`)).body;
    expect(marked.spec.services.web.environment).toEqual({ LICENSE_CODE: MASK, MODE: "production" });
    expect(marked.source.text).toContain("x-wharf-secret-env");
    expect((await viewer.get(`/apps/${composeAppId}/compose`)).body.compose.services.web.environment).toEqual(
      {
        LICENSE_CODE: MASK,
        MODE: "production",
      },
    );
    expect((await viewer.get(`/builds/${buildId}`)).body.source.buildArgs).toEqual({
      NPM_TOKEN: MASK,
      MIRROR: `https://ci:${MASK}@mirror.example/npm`,
    });
  });

  it("the developer sees them where they set them: the app's source and revisions, the build's args", async () => {
    const app = (await t.dev.get(`/apps/${appId}`)).body;
    expect(app.source.text).toContain(secrets.pin);
    const rev = (await t.dev.get(`/apps/${appId}/revisions/1`)).body;
    expect(rev.spec.services.app.environment.DB_PASSWORD).toBe(secrets.db);
    expect((await t.dev.get(`/builds/${buildId}`)).body.source.buildArgs.NPM_TOKEN).toBe(secrets.npm);
    const marked = (await t.dev.get(`/apps/${composeAppId}/revisions/1`)).body;
    expect(marked.spec.services.web.environment.LICENSE_CODE).toBe(secrets.marked);
    expect(marked.source.text).toContain(secrets.marked);
  });

  it("a viewer cannot deploy, and nothing changes on the engine", async () => {
    const before = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.tenant=${t.tenantId}`] },
    });
    const res = await viewer.post(`/apps/${appId}/deploy`, {});
    expect(res.status).toBe(403);
    const after = await engine.listContainers({
      all: true,
      filters: { label: [`wharf.tenant=${t.tenantId}`] },
    });
    expect(after.map((x) => x.Id).sort()).toEqual(before.map((x) => x.Id).sort());
  });

  it("errors and the audit log never carry them", async () => {
    const bad = await t.dev.post(`/apps/${appId}/plan`, {
      source: { type: "compose", compose: `services:\n  app:\n    image: "http://u:${secrets.err}@h/x"\n` },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(leaks(bad.body)).toEqual([]);
    const audit = await admin.get("/audit?limit=500");
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(3);
    expect(leaks(audit.body)).toEqual([]);
  });

  it("they are encrypted at rest (revisions and builds)", () => {
    const file = path.join(server.dataDir, "wharf.db");
    const db = new Database(file, { readonly: true });
    try {
      const rows = [
        ...db.prepare("select spec, source from Revision").all(),
        ...db.prepare("select source from Build").all(),
        ...db.prepare("select detail from AuditEvent").all(),
      ];
      expect(rows.length).toBeGreaterThan(2);
      expect(leaks(rows)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
