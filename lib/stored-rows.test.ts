// Rows written before the columns were typed (Prisma enums, zod at the row boundary) must still read back:
// the migrations are applied to a fresh database, rows are inserted in the old format with raw SQL, and
// the Prisma client and the row parsers read them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revisionSource, revisionSpec } from "@/lib/deploy/revision-row";
import { PrismaClient } from "@/lib/generated/prisma/client";
import * as enums from "@/lib/generated/prisma/enums";
import { buildTags } from "@/lib/services/build-view";
import { APP_MODES } from "@/lib/validations/app";
import { BUILD_STATUSES, SOURCE_TYPES } from "@/lib/validations/build";

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

beforeAll(() => {
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  const sql = new Database(url.slice("file:".length));
  const now = new Date().toISOString();
  sql.exec(`
    INSERT INTO User (id, email, passwordHash, updatedAt) VALUES ('u1', 'a@x.test', 'h', '${now}');
    INSERT INTO Tenant (id, name, slug, updatedAt) VALUES ('t1', 'T', 't', '${now}');
    INSERT INTO Project (id, tenantId, name, slug, updatedAt) VALUES ('p1', 't1', 'P', 'p', '${now}');
    INSERT INTO Host (id, name, url, labels, updatedAt) VALUES ('h1', 'h', 'unix:///x', '{"zone":"a"}', '${now}');
    INSERT INTO App (id, projectId, hostId, name, mode, status, updatedAt)
      VALUES ('a1', 'p1', 'h1', 'swarmy', 'swarm', 'running', '${now}'),
             ('a2', 'p1', 'h1', 'plain', 'standalone', 'new', '${now}');
    INSERT INTO Revision (id, appId, number, spec, source) VALUES
      ('r1', 'a1', 1, '${JSON.stringify(spec)}', ''),
      ('r2', 'a1', 2, '${JSON.stringify(spec)}', '{}'),
      ('r3', 'a1', 3, '${JSON.stringify(spec)}', '{"type":"compose","text":"services: {}"}');
    INSERT INTO Build (id, projectId, hostId, sourceType, status, tags) VALUES
      ('b1', 'p1', 'h1', 'upload', 'cancelled', '["wharf/t/p/x:1","me/x:1"]'),
      ('b2', 'p1', 'h1', 'git', 'succeeded', '[]'),
      ('b3', 'p1', 'h1', 'inline', 'queued', '[]');
  `);
  sql.close();
  prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("rows written as plain strings", () => {
  it("read back through the typed columns", async () => {
    const apps = await prisma.app.findMany({ orderBy: { id: "asc" } });
    expect(apps.map((a) => a.mode)).toEqual(["swarm", "standalone"]);
    const builds = await prisma.build.findMany({ orderBy: { id: "asc" } });
    expect(builds.map((b) => [b.sourceType, b.status])).toEqual([
      ["upload", "cancelled"],
      ["git", "succeeded"],
      ["inline", "queued"],
    ]);
    expect(buildTags(builds[0].tags)).toEqual(["wharf/t/p/x:1", "me/x:1"]);
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

  it("new rows written through the client hold the same strings", async () => {
    await prisma.build.update({ where: { id: "b3" }, data: { status: "failed" } });
    const sql = new Database(url.slice("file:".length), { readonly: true });
    expect(sql.prepare("SELECT status FROM Build WHERE id = 'b3'").get()).toEqual({ status: "failed" });
    sql.close();
  });
});

describe("the Prisma enums", () => {
  it("hold exactly the values the zod schemas accept", () => {
    expect(Object.values(enums.AppMode)).toEqual([...APP_MODES]);
    expect(Object.values(enums.BuildStatus)).toEqual([...BUILD_STATUSES]);
    expect(Object.values(enums.BuildSourceType)).toEqual([...SOURCE_TYPES]);
  });
});
