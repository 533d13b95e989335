// CPU per stored FleetEvent: Prisma upserts in one $transaction (the event log before 2026-12-03) vs FleetEventWriter.
// node --conditions=react-server --import tsx bench/event-log.ts (react-server: lib/ modules import "server-only").
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { FleetEventWriter, type EventRow } from "@/lib/fleet/event-rows";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migratedSqlite } from "./migrated-sqlite";

const file = migratedSqlite("wharf-evcost-", "e.db");
const dir = path.dirname(file);
const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
const conn = new Database(file, { timeout: 0 });
conn.pragma("synchronous = NORMAL");
const writer = new FleetEventWriter(conn);
let n = 0;
const batch = (size: number): EventRow[] =>
  Array.from({ length: size }, () => ({
    at: new Date(1_800_000_000_000 + n++),
    hostId: `h${n % 1000}`,
    containerId: `c${n}`,
    name: `n${n}`,
    type: "exit" as const,
    exitCode: 1,
  }));
async function viaPrisma(rows: EventRow[]) {
  await prisma.$transaction(
    rows.map((p) => {
      const key = { hostId: p.hostId, containerId: p.containerId, type: p.type, at: p.at };
      return prisma.fleetEvent.upsert({
        where: { hostId_containerId_type_at: key },
        create: { ...key, tenantId: null, appId: null, containerName: p.name, exitCode: p.exitCode },
        update: {},
      });
    }),
  );
}
async function measure(label: string, fn: (rows: EventRow[]) => unknown, batches: number, size: number) {
  await fn(batch(size)); // warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) await fn(batch(size));
  const cpu = process.cpuUsage(c0);
  const wall = performance.now() - t0;
  const rows = batches * size;
  console.log(
    `${label}: ${rows} rows in batches of ${size}: CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms (${((cpu.user + cpu.system) / rows).toFixed(1)} µs/row), wall ${wall.toFixed(0)} ms`,
  );
}
for (let round = 0; round < 3; round++) {
  await measure("prisma $transaction upserts", viaPrisma, 20, 50);
  await measure("FleetEventWriter", (r) => writer.write(r), 20, 50);
}
await prisma.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
