// Rows written before the columns were typed (Prisma enums, Json columns, zod at the row boundary) must still read
// back: a database is migrated up to the migration before the Json columns, rows are inserted in the old format
// (JSON as text) with raw SQL, the remaining migrations are applied with `prisma migrate deploy` (what the server
// runs at start), and the Prisma client and the app's row parsers read the rows.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishAddresses } from "@/lib/deploy/host-policy";
import { revisionSource, revisionSpec } from "@/lib/deploy/revision-row";
import { PrismaClient } from "@/lib/generated/prisma/client";
import * as enums from "@/lib/generated/prisma/enums";
import { storedSource } from "@/lib/services/app-source";
import { auditDetail } from "@/lib/services/audit-log";
import { buildTags } from "@/lib/services/build-view";
import { hostEngineInfo, hostLabels } from "@/lib/services/hosts";
import { APP_MODES } from "@/lib/validations/app";
import { BUILD_STATUSES, SOURCE_TYPES } from "@/lib/validations/build";
import { globalRoles, tenantRoles } from "@/lib/validations/roles";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-rows-"));
const url = `file:${path.join(dir, "old.db")}`;
let prisma: PrismaClient;

const spec = {
  services: {
    web: {
      image: "busybox:latest",
      environment: {},
      ports: [],
      expose: [],
      volumes: [],
      networks: ["default"],
      networkAliases: {},
      dependsOn: {},
      restart: "unless-stopped",
      labels: {},
      replicas: 2,
      resources: {},
    },
  },
  networks: { default: {} },
  volumes: {},
};

/** The first migration that turned text columns into Json ones: the database is made just before it. */
const JSON_COLUMNS = "20261202210000_json_columns";
const schemaDir = path.join(dir, "prisma");

/** `prisma migrate deploy` of the repository's migrations named before `upTo` (all of them without it). */
function migrate(upTo?: string) {
  fs.mkdirSync(path.join(schemaDir, "migrations"), { recursive: true });
  fs.copyFileSync(path.join("prisma", "schema.prisma"), path.join(schemaDir, "schema.prisma"));
  for (const m of fs.readdirSync(path.join("prisma", "migrations"))) {
    if (upTo && m >= upTo) continue;
    fs.cpSync(path.join("prisma", "migrations", m), path.join(schemaDir, "migrations", m), {
      recursive: true,
    });
  }
  execFileSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "deploy", "--schema", path.join(schemaDir, "schema.prisma")],
    { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" },
  );
}

const buildSource = {
  git: { url: "https://git.example/shop.git", ref: "main", passwordEncrypted: "v1.x" },
  dockerfile: "Dockerfile",
  buildArgs: {},
  service: "web",
  configuredById: "u1",
};

beforeAll(() => {
  migrate(JSON_COLUMNS);
  const sql = new Database(url.slice("file:".length));
  const now = new Date().toISOString();
  sql.exec(`
    INSERT INTO User (id, email, passwordHash, globalRole, updatedAt) VALUES
      ('u1', 'a@x.test', 'h', 'admin', '${now}'),
      ('u2', 'o@x.test', 'h', 'ops', '${now}');
    INSERT INTO Tenant (id, name, slug, updatedAt) VALUES ('t1', 'T', 't', '${now}');
    INSERT INTO Membership (id, userId, tenantId, role) VALUES ('m1', 'u2', 't1', 'viewer');
    INSERT INTO Project (id, tenantId, name, slug, updatedAt) VALUES ('p1', 't1', 'P', 'p', '${now}');
    INSERT INTO Host (id, name, url, labels, engineInfo, updatedAt) VALUES
      ('h1', 'h', 'unix:///x', '{"zone":"a"}', '{"version":"20.10.24","cpus":2,"swarmRole":"none"}', '${now}'),
      ('h2', 'h2', 'unix:///y', '{}', '{}', '${now}');
    INSERT INTO HostPublishPolicy (hostId, minPort, maxPort, addresses, updatedAt)
      VALUES ('h1', 2000, 3000, '["10.0.0.5","::1"]', '${now}');
    INSERT INTO App (id, projectId, hostId, name, mode, status, buildSource, updatedAt)
      VALUES ('a1', 'p1', 'h1', 'swarmy', 'swarm', 'running', '${JSON.stringify(buildSource)}', '${now}'),
             ('a2', 'p1', 'h1', 'plain', 'standalone', 'new', NULL, '${now}');
    INSERT INTO Revision (id, appId, number, spec, source, outcome) VALUES
      ('r1', 'a1', 1, '${JSON.stringify(spec)}', '', 'succeeded'),
      ('r2', 'a1', 2, '${JSON.stringify(spec)}', '{}', 'failed'),
      ('r3', 'a1', 3, '${JSON.stringify(spec)}', '{"type":"compose","text":"services: {}"}', 'pending');
    INSERT INTO Build (id, projectId, hostId, sourceType, status, tags) VALUES
      ('b1', 'p1', 'h1', 'upload', 'cancelled', '["wharf/t/p/x:1","me/x:1"]'),
      ('b2', 'p1', 'h1', 'git', 'succeeded', '[]'),
      ('b3', 'p1', 'h1', 'inline', 'queued', '[]');
    INSERT INTO AuditEvent (id, action, outcome, detail) VALUES
      ('e1', 'app.deploy', 'success', '{"revision":2,"source":{"type":"compose"}}'),
      ('e2', 'session.create', 'denied', '{}');
    INSERT INTO TenantImage (id, tenantId, hostId, imageId, origin) VALUES ('i1', 't1', 'h1', 'sha256:1', 'pull');
  `);
  sql.close();
  migrate();
  prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}, 90_000);

afterAll(async () => {
  await prisma?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("rows written as plain strings", () => {
  it("read back through the typed columns", async () => {
    const apps = await prisma.app.findMany({ orderBy: { id: "asc" } });
    expect(apps.map((a) => [a.mode, a.status])).toEqual([
      ["swarm", "running"],
      ["standalone", "new"],
    ]);
    const builds = await prisma.build.findMany({ orderBy: { id: "asc" } });
    expect(builds.map((b) => [b.sourceType, b.status])).toEqual([
      ["upload", "cancelled"],
      ["git", "succeeded"],
      ["inline", "queued"],
    ]);
    const users = await prisma.user.findMany({ orderBy: { id: "asc" }, include: { memberships: true } });
    expect(users.map((u) => [u.globalRole, u.memberships.map((m) => m.role)])).toEqual([
      ["admin", []],
      ["ops", ["viewer"]],
    ]);
    const revs = await prisma.revision.findMany({ orderBy: { number: "asc" } });
    expect(revs.map((r) => r.outcome)).toEqual(["succeeded", "failed", "pending"]);
    expect((await prisma.tenantImage.findUniqueOrThrow({ where: { id: "i1" } })).origin).toBe("pull");
  });

  it("keep their JSON, read through the app's row parsers", async () => {
    const sql = new Database(url.slice("file:".length), { readonly: true });
    const typeOf = (table: string, column: string) =>
      sql.prepare("SELECT type FROM pragma_table_info(?) WHERE name = ?").get(table, column);
    expect([typeOf("Host", "labels"), typeOf("Build", "tags"), typeOf("AuditEvent", "detail")]).toEqual([
      { type: "JSONB" },
      { type: "JSONB" },
      { type: "JSONB" },
    ]);
    sql.close();
    const builds = await prisma.build.findMany({ orderBy: { id: "asc" } });
    expect(builds.map((b) => buildTags(b.tags))).toEqual([["wharf/t/p/x:1", "me/x:1"], [], []]);
    const [h1, h2] = await prisma.host.findMany({ orderBy: { id: "asc" } });
    expect(hostLabels(h1.labels)).toEqual({ zone: "a" });
    expect(hostEngineInfo(h1.engineInfo)).toEqual({ version: "20.10.24", cpus: 2, swarmRole: "none" });
    expect([hostLabels(h2.labels), hostEngineInfo(h2.engineInfo)]).toEqual([{}, {}]);
    const policy = await prisma.hostPublishPolicy.findUniqueOrThrow({ where: { hostId: "h1" } });
    expect(publishAddresses(policy.addresses)).toEqual(["10.0.0.5", "::1"]);
    const apps = await prisma.app.findMany({ orderBy: { id: "asc" } });
    expect(apps.map((a) => storedSource(a.buildSource))).toEqual([buildSource, null]);
    const events = await prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => [e.outcome, auditDetail(e.detail)])).toEqual([
      ["success", { revision: 2, source: { type: "compose" } }],
      ["denied", {}],
    ]);
  });

  it("keep their specs and sources, old empty sources reading as none", async () => {
    const revs = await prisma.revision.findMany({ orderBy: { number: "asc" } });
    for (const r of revs) expect(revisionSpec(r.spec).services.web.replicas).toBe(2);
    expect(revs.map((r) => revisionSource(r.source))).toEqual([
      null,
      null,
      { type: "compose", text: "services: {}" },
    ]);
  });

  it("new rows written through the client hold the same text: plain JSON and enum names", async () => {
    await prisma.build.update({ where: { id: "b3" }, data: { status: "failed", tags: ["x:1"] } });
    await prisma.host.update({ where: { id: "h2" }, data: { labels: { rack: "2" } } });
    await prisma.app.update({ where: { id: "a2" }, data: { buildSource: { git: { url: "u" } } } });
    const sql = new Database(url.slice("file:".length), { readonly: true });
    expect(sql.prepare("SELECT status, tags FROM Build WHERE id = 'b3'").get()).toEqual({
      status: "failed",
      tags: '["x:1"]',
    });
    expect(sql.prepare("SELECT labels FROM Host WHERE id = 'h2'").get()).toEqual({ labels: '{"rack":"2"}' });
    expect(sql.prepare("SELECT buildSource FROM App WHERE id = 'a2'").get()).toEqual({
      buildSource: '{"git":{"url":"u"}}',
    });
    sql.close();
  });
});

describe("the Prisma enums", () => {
  it("hold exactly the values the zod schemas accept", () => {
    expect(Object.values(enums.AppMode)).toEqual([...APP_MODES]);
    expect(Object.values(enums.BuildStatus)).toEqual([...BUILD_STATUSES]);
    expect(Object.values(enums.BuildSourceType)).toEqual([...SOURCE_TYPES]);
    expect(Object.values(enums.GlobalRole)).toEqual([...globalRoles]);
    expect(Object.values(enums.TenantRole)).toEqual([...tenantRoles]);
  });
});
