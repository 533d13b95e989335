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
export const sampleBatch = (): EventRow[] => [
  eventRow({ containerId: "owned", appLabel: "a1", exitCode: 137 }),
  eventRow({ containerId: "unknown-app", appLabel: "gone" }),
  eventRow({ containerId: "plain", type: "oom", exitCode: null, at: new Date("2026-12-03T05:00:00Z") }),
];

/** [containerId, tenantId, appId, type, exitCode] of the rows the batch leaves, ordered by containerId. */
export const sampleStored = [
  ["owned", "t1", "a1", "exit", 137],
  ["plain", null, null, "oom", null],
  ["unknown-app", null, null, "exit", 1],
];
export const sampleFirstAt = new Date("2026-12-03T04:00:00.123Z");
/** From this instant on, only "plain" is in the batch. */
export const sampleMidway = new Date("2026-12-03T04:30:00Z");
/** What Prisma would write for "plain": the same unique key, so it must collide with the writer's row. */
export const samplePrismaTwin = {
  hostId: "h1",
  containerId: "plain",
  type: "oom",
  at: new Date("2026-12-03T05:00:00Z"),
  containerName: "x",
};
