// The event log writes FleetEvent rows with its own prepared statements (not Prisma): they must read back through
// Prisma exactly as Prisma's own rows would (dates, the unique key that drops replays, range filters), take the
// tenant from the App row only, and give way at once when another connection holds the write lock.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FleetEventWriter, sqliteDate } from "@/lib/fleet/event-rows";
import {
  eventRow,
  samplePrismaTwin,
  sampleRoundTrip,
  sampleRoundTripExpected,
} from "@/lib/fleet/event-rows-fixture";
import { PrismaClient } from "@/lib/generated/prisma/client";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-events-"));
const file = path.join(dir, "events.db");
let conn: Database.Database;
let prisma: PrismaClient;

beforeAll(() => {
  const setup = new Database(file);
  setup.pragma("journal_mode = WAL");
  for (const m of fs.readdirSync(path.join("prisma", "migrations")).sort()) {
    const sql = path.join("prisma", "migrations", m, "migration.sql");
    if (fs.existsSync(sql)) setup.exec(fs.readFileSync(sql, "utf8"));
  }
  const now = new Date().toISOString();
  setup.exec(`
    INSERT INTO Tenant (id, name, slug, updatedAt) VALUES ('t1', 'T', 't', '${now}');
    INSERT INTO Project (id, tenantId, name, slug, updatedAt) VALUES ('p1', 't1', 'P', 'p', '${now}');
    INSERT INTO Host (id, name, url, updatedAt) VALUES ('h1', 'h', 'unix:///x', '${now}');
    INSERT INTO App (id, projectId, hostId, name, updatedAt) VALUES ('a1', 'p1', 'h1', 'shop', '${now}');
  `);
  setup.close();
  conn = new Database(file, { timeout: 0 });
  prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
});

afterAll(async () => {
  await prisma.$disconnect();
  conn.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("FleetEventWriter", () => {
  it("stores rows Prisma reads back, drops replays, and takes the tenant from the App row only", async () => {
    const writer = new FleetEventWriter(conn);
    const roundTrip = await sampleRoundTrip((rows) => writer.write(rows), prisma.fleetEvent);
    expect(roundTrip).toEqual(sampleRoundTripExpected);
    // A row Prisma writes for the same key collides with ours: the text of the dates is the same.
    await expect(prisma.fleetEvent.create({ data: samplePrismaTwin })).rejects.toThrow(/Unique constraint/);
    expect(sqliteDate(new Date(0))).toBe("1970-01-01T00:00:00.000+00:00");
  });

  it("answers false at once, writing nothing, while another connection holds the write lock", () => {
    const writer = new FleetEventWriter(conn);
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    const t0 = performance.now();
    expect(writer.write([eventRow({ containerId: "busy" })])).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
    other.exec("ROLLBACK");
    other.close();
    expect(conn.prepare("SELECT count(*) AS n FROM FleetEvent WHERE containerId = 'busy'").get()).toEqual({
      n: 0,
    });
    expect(writer.write([eventRow({ containerId: "busy" })])).toBe(true);
    expect(conn.prepare("SELECT count(*) AS n FROM FleetEvent WHERE containerId = 'busy'").get()).toEqual({
      n: 1,
    });
  });
});
