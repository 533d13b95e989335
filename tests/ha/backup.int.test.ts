// Issue 20, item 4: an admin's backup, wiped and restored on a "fresh machine" (a new data dir, or a new empty
// PostgreSQL database), brings back the same tenants, users, projects, apps, revisions and hosts, read through the
// API. Runs on SQLite and, in the PostgreSQL pass (tests/postgres-subset.txt), on PostgreSQL. Also: the route is
// admin-only, and a scheduled backup is written at start into WHARF_BACKUP_DIR.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminClient,
  engine,
  eventually,
  localHostId,
  removeTenantObjects,
  setupTenant,
} from "../deploy/helpers";
import { type ApiClient, createUserClient } from "../helpers/api-client";
import { onPostgres, postgresAdminUrl } from "../helpers/test-database";
import { startWharfServer, type WharfServer } from "../helpers/wharf-server";

const servers: WharfServer[] = [];
const tenantIds: string[] = [];
afterAll(async () => {
  await removeTenantObjects(tenantIds);
  for (const s of servers) await s.stop();
});

let original: WharfServer;
beforeAll(async () => {
  const dataDir = fs.mkdtempSync(path.join("/tmp", "wharf-backup-src-"));
  original = await startWharfServer({
    dataDir,
    env: { WHARF_BACKUP_DIR: path.join(dataDir, "backups"), WHARF_BACKUP_KEEP: "2" },
  });
  servers.push(original);
}, 200_000);

/** What a restore must bring back, read through the API (live fields, such as a host's status, left out). */
async function snapshot(admin: ApiClient, appId: string) {
  const items = async (p: string) => {
    const res = await admin.get(p);
    expect(res.status, `${p}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body.items as Record<string, unknown>[];
  };
  const hosts = (await items("/hosts")).map(({ status: _s, containers: _c, engine: _e, ...rest }) => rest);
  return {
    tenants: await items("/tenants"),
    users: await items("/users"),
    projects: await items("/projects"),
    apps: await items("/apps"),
    revisions: await items(`/apps/${appId}/revisions`),
    hosts,
  };
}

/** A fresh installation's database: an empty SQLite path, or a new empty PostgreSQL database. */
async function freshDatabase(dataDir: string): Promise<string> {
  if (!onPostgres()) return `file:${path.join(dataDir, "wharf.db")}`;
  const name = `wharf_restore_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  fs.writeFileSync(path.join(dataDir, "postgres-database"), name); // startWharfServer finds it there
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

describe("backup and restore", () => {
  it("is admin-only, and a restore on a fresh installation brings back the same data", async () => {
    const admin = await adminClient(original);
    const hostId = await localHostId(admin);
    const t = await setupTenant(admin, hostId, `Backup ${Date.now().toString(36)}`);
    tenantIds.push(t.tenantId);
    const { client: ops } = await createUserClient(admin, `ops-${t.slug}@wharf.test`, { globalRole: "ops" });
    const h2 = await admin.post("/hosts", { name: `backup-h2-${t.slug}`, url: "unix:///run/docker-h2.sock" });
    expect(h2.status, JSON.stringify(h2.body)).toBe(201);
    const compose = `services:\n  app:\n    image: wharf-busybox:latest\n    command: ["sleep", "3600"]\n`;
    const created = await t.dev.post(`/projects/${t.projectId}/apps`, {
      name: "kept",
      hostId,
      mode: "standalone",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const appId = created.body.app.id as string;
    const deployed = await t.dev.post(`/apps/${appId}/deploy`, { source: { type: "compose", compose } });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(200);

    // Only admins: a developer and ops are refused, and nothing is written for them.
    expect((await t.dev.get("/admin/backup")).status).toBe(403);
    expect((await ops.get("/admin/backup")).status).toBe(403);

    const res = await fetch(`${original.baseUrl}/api/v1/admin/backup`, { headers: { cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "";
    expect(name).toMatch(onPostgres() ? /^wharf-backup-.+\.pgdump$/ : /^wharf-backup-.+\.sqlite$/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, onPostgres() ? 5 : 15).toString("latin1")).toBe(
      onPostgres() ? "PGDMP" : "SQLite format 3",
    );
    const before = await snapshot(admin, appId);
    expect(before.revisions).toHaveLength(1);
    expect(before.hosts.map((h) => h.id)).toContain(h2.body.id);

    // The schedule wrote one at start (the folder is private to this data dir).
    const scheduled = await eventually(
      async () => fs.readdirSync(path.join(original.dataDir, "backups")),
      (names) => names.some((n) => /^wharf-backup-.+\.(sqlite|pgdump)$/.test(n)),
      20_000,
    );
    expect(scheduled.filter((n) => n.startsWith("."))).toEqual([]); // no partial file left

    // Wipe: the original is gone; a fresh machine has only the backup and the server key.
    await original.stop();
    const dataDir = fs.mkdtempSync(path.join("/tmp", "wharf-backup-dst-"));
    fs.copyFileSync(path.join(original.dataDir, "secret.key"), path.join(dataDir, "secret.key"));
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, bytes);
    const databaseUrl = await freshDatabase(dataDir);
    execFileSync("bash", ["scripts/db/restore.sh", file], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "pipe",
    });
    // A second restore onto the restored database is refused without --force.
    expect(() =>
      execFileSync("bash", ["scripts/db/restore.sh", file], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: "pipe",
      }),
    ).toThrow(/exists|already holds/);

    const restored = await startWharfServer({ dataDir, adminPassword: original.adminPassword });
    servers.push(restored);
    const after = await snapshot(await adminClient(restored), appId);
    expect(after).toEqual(before);
    // The app's container is the same one on the engine: the restored server sees it as its own.
    const containers = await engine.listContainers({ all: true, filters: { label: [`wharf.app=${appId}`] } });
    expect(containers).toHaveLength(1);
  });
});
