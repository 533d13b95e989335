import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { z } from "zod";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Secret columns never leave the database unless a query asks for them explicitly.
const omit = {
  user: { passwordHash: true },
  session: { tokenHash: true },
  apiToken: { tokenHash: true },
  host: { tlsEncrypted: true },
  registry: { secretEncrypted: true },
  app: { webhookSecretEncrypted: true },
  appVariable: { value: true },
  alertChannel: { configEncrypted: true },
} as const;

/**
 * SQLite's default rollback journal fsyncs several times per write transaction, and better-sqlite3 runs on the
 * event loop: host registration was waiting on the disk (docs/scale.md). WAL + synchronous=NORMAL syncs only at
 * checkpoints (a power loss can drop the last commits, never corrupt the file). journal_mode is stored in the
 * file; synchronous and busy_timeout are per connection, and the adapter keeps one connection per client.
 * Issued first, right after the client is created, so the first queries already run with them.
 */
async function tuneDatabase(client: Pick<PrismaClient, "$queryRawUnsafe" | "$executeRawUnsafe">) {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL"); // returns a row: queryRaw, not executeRaw
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
}

function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: config.databaseUrl, timeout: 5000 });
  const client = new PrismaClient({ adapter, omit });
  // `next build` loads this module to collect pages but never queries; on a fresh clone data/ does not exist yet.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    tuneDatabase(client).catch((err) => console.error("[wharf] SQLite tuning failed", err));
  }
  return client;
}

type Db = ReturnType<typeof createClient>;
declare global {
  // One slot per process (globalThis), so that Next's route bundles and the custom server share it.
  var wharfDb: Db | undefined;
}

const JsonObject = z.record(z.string(), z.json());

/**
 * A free-form object (an audit detail) as a Json column stores it: what JSON.stringify keeps (undefined
 * dropped, dates as strings), checked to be plain JSON. Typed values (tags, labels) go into Json columns as they are.
 */
export const jsonObject = (value: unknown): z.infer<typeof JsonObject> =>
  JsonObject.parse(JSON.parse(JSON.stringify(value)));

/** One Prisma client per process, shared by route handlers, the fleet service and the custom server. */
export const db: Db = (globalThis.wharfDb ??= createClient());
