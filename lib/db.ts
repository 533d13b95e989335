import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";

// Secret columns never leave the database unless a query asks for them explicitly.
const omit = {
  user: { passwordHash: true },
  session: { tokenHash: true },
  apiToken: { tokenHash: true },
  host: { tlsEncrypted: true },
  registry: { secretEncrypted: true },
  app: { webhookSecretEncrypted: true },
} as const;

function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: config.databaseUrl });
  return new PrismaClient({ adapter, omit });
}

type Db = ReturnType<typeof createClient>;
const globalForDb = globalThis as unknown as { wharfDb?: Db };

/** One Prisma client per process, shared by route handlers, the fleet service and the custom server. */
export const db: Db = globalForDb.wharfDb ?? (globalForDb.wharfDb = createClient());
