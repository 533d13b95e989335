import "server-only";
// Readiness for a load balancer (HAProxy's health check, scripts/ha.sh): this instance answers only when its
// database answers and every migration this build ships is applied there. Liveness alone is not enough: an
// instance that lost its database would otherwise keep taking requests and fail each one.
import fs from "node:fs";
import path from "node:path";
import { db, dbProvider } from "@/lib/db";
import { readMigrations } from "@/lib/postgres-migrations";

export type Readiness = { ready: true } | { ready: false; reason: string; draining?: true };

const CHECK_TIMEOUT_MS = 2000;

/** The migrations this build ships, and the query naming those the database has applied. */
function migrationLedger(): { shipped: string[]; appliedSql: string } {
  if (dbProvider === "postgresql")
    return {
      shipped: readMigrations().map((m) => m.name),
      appliedSql: `SELECT name FROM "_wharf_migrations"`,
    };
  const dir = path.join("prisma", "migrations");
  const shipped = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  return {
    shipped,
    appliedSql: `SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  };
}

declare global {
  var wharfMigrated: boolean | undefined;
}

async function check(): Promise<Readiness> {
  await db.$queryRawUnsafe("SELECT 1");
  if (globalThis.wharfMigrated) return { ready: true }; // applied migrations stay applied: checked once
  const { shipped, appliedSql } = migrationLedger();
  const applied = new Set((await db.$queryRawUnsafe<{ name: string }[]>(appliedSql)).map((r) => r.name));
  const missing = shipped.filter((name) => !applied.has(name));
  if (missing.length) return { ready: false, reason: `${missing.length} migration(s) not applied yet` };
  globalThis.wharfMigrated = true;
  return { ready: true };
}

/**
 * Whether this instance may take traffic; never throws, never waits more than two seconds. Stopping (SIGTERM,
 * lib/graceful-stop.ts sets wharfStopping): not ready at once, and `draining`, which the route tells the balancer.
 */
export async function readiness(): Promise<Readiness> {
  if (globalThis.wharfStopping) return { ready: false, reason: "stopping", draining: true };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ready: false, reason: "the database did not answer in time" }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      check().catch((): Readiness => ({ ready: false, reason: "the database did not answer" })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
