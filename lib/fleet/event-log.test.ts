// The event log's side of the writer lock (issue 20): an instance that is not the writer writes nothing and keeps the
// last 30 s of what it saw; once it holds the lock it writes that backlog first. The lock itself (PostgreSQL's
// advisory lock, taken over when its holder dies) runs for real in tests/ha/instances.int.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/docker/events";
import { EventLog } from "@/lib/fleet/event-log";
import type { EventRow } from "@/lib/fleet/event-rows";

const written: EventRow[][] = [];
globalThis.wharfEventWriter = { write: (rows) => (written.push(rows), true) };
afterEach(() => void written.splice(0));

const died = (id: string, t: number): EngineEvent => ({
  Type: "container",
  Action: "die",
  Actor: { ID: id, Attributes: { name: id, exitCode: "1" } },
  time: Math.floor(t / 1000),
  timeNano: t * 1e6,
});

describe("EventLog with a writer lock", () => {
  it("writes nothing while another instance is the writer, then its backlog and the new rows once it holds the lock", () => {
    const lock = {
      isHeld: false,
      started: false,
      start: () => void (lock.started = true),
      stop: async () => undefined,
    };
    const log = new EventLog();
    log.useLock(lock);
    expect(lock.started).toBe(true);
    const t0 = 1_800_000_000_000;
    log.note("h1", died("a", t0));
    log.flush(t0);
    log.note("h1", died("b", t0 + 1000));
    log.flush(t0 + 1000);
    expect(written).toEqual([]);
    expect(log.backlogRows).toBe(2);
    lock.isHeld = true;
    log.note("h1", died("c", t0 + 2000));
    log.flush(t0 + 2000);
    expect(written.flat().map((r) => r.containerId)).toEqual(["a", "b", "c"]);
    expect(log.backlogRows).toBe(0);
  });

  it("keeps only the last 30 s as backlog", () => {
    const lock = { isHeld: false, start: () => undefined, stop: async () => undefined };
    const log = new EventLog();
    log.useLock(lock);
    const t0 = 1_800_000_000_000;
    log.note("h1", died("old", t0));
    log.flush(t0);
    log.note("h1", died("recent", t0 + 25_000));
    log.flush(t0 + 25_000);
    log.flush(t0 + 31_000); // "old" was set aside 31 s ago: dropped
    expect(log.backlogRows).toBe(1);
    lock.isHeld = true;
    log.flush(t0 + 32_000);
    expect(written.flat().map((r) => r.containerId)).toEqual(["recent"]);
  });

  it("writes every batch when there is no lock (SQLite: one instance)", () => {
    const log = new EventLog();
    log.note("h1", died("x", 1_800_000_000_000));
    log.flush();
    expect(written.flat().map((r) => r.containerId)).toEqual(["x"]);
  });
});
