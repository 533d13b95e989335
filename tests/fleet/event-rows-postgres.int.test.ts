// The fleet event log on PostgreSQL (WHARF_TEST_DATABASE=postgres; skipped on SQLite, whose writer
// lib/fleet/event-rows.test.ts checks): rows written by one INSERT of arrays must read back through Prisma as Prisma's
// own (dates, range filters, the unique key that drops replays) and take the tenant from the App row only.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresEventWriter } from "@/lib/fleet/event-rows";
import { samplePrismaTwin, sampleRoundTrip, sampleRoundTripExpected } from "@/lib/fleet/event-rows-fixture";
import { PrismaClient } from "@/lib/generated/prisma-postgres/client";
import { onPostgres, testDatabase } from "../helpers/test-database";

let pool: pg.Pool;
let prisma: PrismaClient;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-pg-events-"));

beforeAll(async () => {
  if (!onPostgres()) return;
  pool = new pg.Pool({ connectionString: (await testDatabase(dir)).url, max: 2 });
  prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const t = await prisma.tenant.create({ data: { id: "t1", name: "T", slug: "t" } });
  await prisma.project.create({ data: { id: "p1", tenantId: t.id, name: "P", slug: "p" } });
  await prisma.host.create({ data: { id: "h1", name: "h", url: "unix:///x" } });
  await prisma.app.create({ data: { id: "a1", projectId: "p1", hostId: "h1", name: "shop" } });
});

afterAll(async () => {
  await prisma?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onPostgres())("PostgresEventWriter", () => {
  it("stores rows Prisma reads back, drops replays, and takes the tenant from the App row only", async () => {
    const writer = new PostgresEventWriter(pool);
    const roundTrip = await sampleRoundTrip((rows) => writer.write(rows), prisma.fleetEvent);
    expect(roundTrip).toEqual(sampleRoundTripExpected);
    // A row Prisma writes for the same key collides with ours: the stored instants are the same.
    await expect(prisma.fleetEvent.create({ data: samplePrismaTwin })).rejects.toThrow(/Unique constraint/);
  });
});
