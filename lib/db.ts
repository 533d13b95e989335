import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { z } from "zod";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgres/client";

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

/** Which database DATABASE_URL names: PostgreSQL for postgres:// or postgresql://, else the embedded SQLite file. */
export const dbProvider: "postgresql" | "sqlite" = /^postgres(ql)?:\/\//.test(config.databaseUrl)
  ? "postgresql"
  : "sqlite";

function createSqliteClient() {
  const adapter = new PrismaBetterSQLite3({ url: config.databaseUrl, timeout: 5000 });
  const client = new PrismaClient({ adapter, omit });
  // `next build` loads this module to collect pages but never queries; on a fresh clone data/ does not exist yet.
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    tuneDatabase(client).catch((err) => console.error("[wharf] SQLite tuning failed", err));
  }
  return client;
}

type Db = ReturnType<typeof createSqliteClient>;
declare global {
  // One slot per process (globalThis), so that Next's route bundles and the custom server share them.
  var wharfDb: Db | undefined;
  var wharfPgPool: Pool | undefined;
}

/**
 * The pool behind Prisma's PostgreSQL adapter, shared with the few hand-written statements (the session lookup,
 * lib/auth/session.ts); null on SQLite. Created lazily: a pool does not connect until its first query.
 */
export function postgresPool(): Pool | null {
  if (dbProvider !== "postgresql") return null;
  globalThis.wharfPgPool ??= new Pool({
    connectionString: config.databaseUrl,
    max: Number(process.env.WHARF_POSTGRES_POOL_SIZE ?? 10) || 10,
  });
  return globalThis.wharfPgPool;
}

/**
 * PostgreSQL's client is generated from prisma/postgres/schema.prisma, a copy of prisma/schema.prisma with only the
 * provider changed (scripts/db/postgres-schema.test.ts holds them equal; docs/database.md says why two clients).
 * Its TypeScript type differs from SQLite's only by what PostgreSQL adds (more isolation levels, case-insensitive
 * filters), so Wharf's code is typed against SQLite's client: the API that both databases serve the same way.
 */
function createPostgresClient(pool: Pool): Db {
  const client = new PostgresClient({ adapter: new PrismaPg(pool), omit });
  return client as never; // the one place the two generated types meet (see above)
}

function createClient(): Db {
  const pool = postgresPool();
  return pool ? createPostgresClient(pool) : createSqliteClient();
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
