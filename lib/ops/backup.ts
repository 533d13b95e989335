import "server-only";
// Wharf's own state as one file (issue 20, item 4): SQLite's `VACUUM INTO` (a consistent copy taken inside one read
// transaction, while the server keeps writing) or PostgreSQL's `pg_dump` (one snapshot, custom format for
// pg_restore). Secret columns stay sealed under the server key, which is NOT in the file (docs/database.md, "Backups").
// scripts/db/restore.sh puts such a file back on a fresh machine.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { config } from "@/lib/config";
import { db, dbProvider } from "@/lib/db";

const run = promisify(execFile);

/** A backup's file name ends with what it holds: a SQLite database file, or a pg_dump archive (custom format). */
export const backupExtension = (): string => (dbProvider === "postgresql" ? "pgdump" : "sqlite");

/** `wharf-backup-2026-12-03T11-50-00Z.sqlite`: sorts by time, no character a file system or a header minds. */
export const backupName = (at = new Date()): string =>
  `wharf-backup-${at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")}.${backupExtension()}`;

export const BACKUP_NAME = /^wharf-backup-[0-9TZ-]+\.(sqlite|pgdump)$/;

// Parameters of Prisma's URL that libpq (pg_dump) refuses as unknown.
const PRISMA_ONLY = [
  "schema",
  "connection_limit",
  "pool_timeout",
  "pgbouncer",
  "statement_cache_size",
  "socket_timeout",
];

/**
 * pg_dump's arguments for a database URL: the URL without its password (argv is readable by every local user, in
 * `ps`), which goes through PGPASSWORD instead.
 */
export function pgDumpConnection(databaseUrl: string): { dbname: string; password: string | undefined } {
  const url = new URL(databaseUrl);
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.password = "";
  for (const name of PRISMA_ONLY) url.searchParams.delete(name);
  return { dbname: url.toString(), password };
}

/** Writes a consistent backup of the database to `file` (which must not exist). */
export async function writeBackup(file: string): Promise<void> {
  if (dbProvider === "sqlite") {
    // One read transaction: every table as of one moment, writers never blocked (WAL). The file name is ours.
    await db.$executeRawUnsafe("VACUUM INTO ?", file);
    return;
  }
  const { dbname, password } = pgDumpConnection(config.databaseUrl);
  // execFile with arguments, never a shell; --no-owner/--no-privileges: restorable under another role.
  await run(
    "pg_dump",
    ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", dbname],
    {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      maxBuffer: 1024 * 1024,
    },
  );
}

/** A backup in a private temporary folder, for a download; `remove()` deletes it once sent. */
export async function temporaryBackup(): Promise<{
  file: string;
  name: string;
  size: number;
  remove: () => void;
}> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "wharf-backup-"));
  const name = backupName();
  const file = path.join(dir, name);
  try {
    await writeBackup(file);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const { size } = await fs.promises.stat(file);
  return { file, name, size, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
