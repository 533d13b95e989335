// Which database a test server gets. SQLite by default (a file in its data dir); with WHARF_TEST_DATABASE=postgres,
// a fresh PostgreSQL database per server on the cluster scripts/services/postgres.sh runs. The database's name is
// kept in the data dir, so a server restarted on the same data dir finds the same installation (as with SQLite).
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR, migratePostgres, readMigrations } from "../../lib/postgres-migrations";

export const onPostgres = () => process.env.WHARF_TEST_DATABASE === "postgres";

/** The cluster's admin URL: WHARF_TEST_POSTGRES_URL, else postgres.sh's default on WHARF_TEST_POSTGRES_PORT. */
export const postgresAdminUrl = () =>
  process.env.WHARF_TEST_POSTGRES_URL ??
  `postgresql://wharf@127.0.0.1:${process.env.WHARF_TEST_POSTGRES_PORT ?? 5433}/postgres`;

const databaseUrl = (name: string) => {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/** Runs `fn` on a connection to the cluster's `postgres` database. */
async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A database with every PostgreSQL migration applied, made once per set of migrations; each fresh server's database
 * is a copy (CREATE DATABASE … TEMPLATE), as SQLite servers copy a migrated file (tests/helpers/wharf-server.ts).
 */
async function migratedTemplate(): Promise<string> {
  const hash = createHash("sha256");
  for (const m of readMigrations(MIGRATIONS_DIR)) hash.update(m.name).update(m.checksum);
  const name = `wharf_template_${hash.digest("hex").slice(0, 16)}`;
  const exists = await withAdmin(
    async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1,
  );
  if (exists) return name;
  // Built under another name and renamed: a half-migrated template is never copied.
  const scratch = `${name}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${scratch}"`));
  await migratePostgres(databaseUrl(scratch), MIGRATIONS_DIR);
  await withAdmin(async (c) => {
    try {
      await c.query(`ALTER DATABASE "${scratch}" RENAME TO "${name}"`);
    } catch (err) {
      await c.query(`DROP DATABASE "${scratch}"`); // another test file made it first
      // Renamed a moment before: "already exists"; at the same moment: the catalog's unique index says so instead.
      if (!(err instanceof Error && /already exists|pg_database_datname_index/.test(err.message))) throw err;
      return;
    }
    // Nobody connects to it from now on, not even autovacuum's workers: a copy fails while anyone is connected.
    await c.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
  });
  return name;
}

/** CREATE DATABASE … TEMPLATE, retried while something still holds a connection to the template (briefly). */
async function copyDatabase(c: pg.Client, name: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } catch (err) {
      if (attempt >= 20 || !(err instanceof Error && /being accessed by other users/.test(err.message)))
        throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

/**
 * DATABASE_URL for a server whose files live in `dataDir`, and whether it is freshly migrated (copied from a
 * migrated template: the server need not migrate). A data dir that has a database keeps it. `postgres` overrides
 * WHARF_TEST_DATABASE (bench:scale's --postgres-counters).
 */
export async function testDatabase(
  dataDir: string,
  postgres = onPostgres(),
): Promise<{ url: string; migrated: boolean }> {
  if (!postgres) return { url: `file:${path.join(dataDir, "wharf.db")}`, migrated: false };
  const nameFile = path.join(dataDir, "postgres-database");
  const kept = fs.existsSync(nameFile) ? fs.readFileSync(nameFile, "utf8").trim() : "";
  if (kept) return { url: databaseUrl(kept), migrated: false };
  const name = `wharf_test_${randomBytes(6).toString("hex")}`;
  const template = await migratedTemplate();
  await withAdmin((c) => copyDatabase(c, name, template));
  fs.writeFileSync(nameFile, name);
  return { url: databaseUrl(name), migrated: true };
}
