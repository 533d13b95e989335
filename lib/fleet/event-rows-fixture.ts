// What both event writers' tests store and expect back (lib/fleet/event-rows.test.ts on SQLite,
// tests/fleet/event-rows-postgres.int.test.ts on PostgreSQL), in a database holding App "a1" of tenant "t1" on host "h1".
import type { EventRow } from "@/lib/fleet/event-rows";

export const eventRow = (over: Partial<EventRow>): EventRow => ({
  at: new Date("2026-12-03T04:00:00.123Z"),
  hostId: "h1",
  containerId: "c1",
  name: "web-1",
  type: "exit",
  exitCode: 1,
  ...over,
});

/** An owned app's exit, a label naming no app (no tenant then), and an OOM an hour later. */
const sampleBatch = (): EventRow[] => [
  eventRow({ containerId: "owned", appLabel: "a1", exitCode: 137 }),
  eventRow({ containerId: "unknown-app", appLabel: "gone" }),
  eventRow({ containerId: "plain", type: "oom", exitCode: null, at: new Date("2026-12-03T05:00:00Z") }),
];
/** From this instant on, only "plain" is in the batch. */
const sampleMidway = new Date("2026-12-03T04:30:00Z");
/** What Prisma would write for "plain": the same unique key, so it must collide with the writer's row. */
export const samplePrismaTwin = {
  hostId: "h1",
  containerId: "plain",
  type: "oom",
  at: new Date("2026-12-03T05:00:00Z"),
  containerName: "x",
};

/** The FleetEvent fields the round trip reads back, as both generated clients type them. */
interface StoredEvent {
  containerId: string;
  tenantId: string | null;
  appId: string | null;
  type: string;
  exitCode: number | null;
  at: Date;
}
/** The part of either Prisma client's `fleetEvent` the round trip uses. */
interface FleetEventReads {
  findMany(args: { orderBy?: { containerId: "asc" }; where?: { at: { gte: Date } } }): Promise<StoredEvent[]>;
}

/**
 * Writes the sample batch twice (a reconnect replays what the engine still buffers) and reads it back through
 * Prisma; both writers' tests expect `sampleRoundTripExpected`.
 */
export async function sampleRoundTrip(
  write: (rows: EventRow[]) => boolean | Promise<boolean>,
  events: FleetEventReads,
) {
  const batch = sampleBatch();
  const written = [await write(batch), await write(batch)];
  const rows = await events.findMany({ orderBy: { containerId: "asc" } });
  // Range filters compare what the writer stored with Prisma's own parameters.
  const late = await events.findMany({ where: { at: { gte: sampleMidway } } });
  return {
    written,
    stored: rows.map((r) => [r.containerId, r.tenantId, r.appId, r.type, r.exitCode]),
    firstAt: rows[0].at,
    late: late.map((r) => r.containerId),
  };
}
export const sampleRoundTripExpected = {
  written: [true, true],
  /** [containerId, tenantId, appId, type, exitCode], ordered by containerId. */
  stored: [
    ["owned", "t1", "a1", "exit", 137],
    ["plain", null, null, "oom", null],
    ["unknown-app", null, null, "exit", 1],
  ],
  firstAt: new Date("2026-12-03T04:00:00.123Z"),
  late: ["plain"],
};
