// Applies prisma/postgres/migrations/*/migration.sql to a PostgreSQL database at start (server.ts). Not `prisma
// migrate deploy`: through adapter-pg it fails ("Column type 'name' could not be deserialized", prisma/orm#27403).
// Each migration runs in its own transaction with its ledger row, so a failed one leaves nothing half-applied, and
// an advisory lock lets several instances start at once: one migrates, the others wait and find nothing to do.
// Runs in server.ts, outside the Next.js bundle (no "server-only"); it uses `pg` directly, not Prisma.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const MIGRATIONS_DIR = path.join("prisma", "postgres", "migrations");
const LEDGER = "_wharf_migrations";
/** Any constant both sides agree on: pg_advisory_lock's key for "migrating Wharf's schema". */
const LOCK_KEY = 2_020_000_020;

export type Migration = { name: string; sql: string; checksum: string };

/** The committed migrations, oldest first (folder names start with a yyyymmddhhmmss stamp). */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies what the ledger lacks; returns the names applied now. Throws when an applied migration was edited. */
export async function migratePostgres(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${LEDGER}" (name text PRIMARY KEY, checksum text NOT NULL, "appliedAt" timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "${LEDGER}"`,
    );
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    const done: string[] = [];
    for (const m of migrations) {
      const sum = applied.get(m.name);
      if (sum !== undefined) {
        if (sum !== m.checksum)
          throw new Error(`migration ${m.name} was edited after it was applied; write a new one instead`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${LEDGER}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
