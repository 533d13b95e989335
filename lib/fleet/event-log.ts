import "server-only";
import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { db, postgresPool } from "@/lib/db";
import type { EngineEvent } from "@/lib/docker/events";
import { APP_LABEL } from "@/lib/docker/labels";
import { ownedWharfLabels } from "@/lib/docker/owned-labels";
import {
  FleetEventWriter,
  PostgresEventWriter,
  type EventRow,
  type EventWriter,
} from "@/lib/fleet/event-rows";
import { stateChangeOf } from "@/lib/fleet/state-change";

const FLUSH_MS = 500;
const PRUNE_EVERY_MS = 3600_000;
const DAY_MS = 24 * 3600_000;
/** Rows kept while the database stays busy; beyond that the oldest are dropped (and said so). */
const MAX_PENDING = 20_000;

declare global {
  var wharfEventWriter: EventWriter | undefined;
}

/**
 * SQLite: its own connection (see FleetEventWriter), opened on the first flush (the database exists by then).
 * PostgreSQL: the shared pool (lib/db.ts).
 */
function writer(): EventWriter {
  if (!globalThis.wharfEventWriter) {
    const pool = postgresPool();
    if (pool) return (globalThis.wharfEventWriter = new PostgresEventWriter(pool));
    const conn = new Database(config.databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 0 });
    conn.pragma("synchronous = NORMAL"); // as Prisma's connection (lib/db.ts); WAL is set in the file
    globalThis.wharfEventWriter = new FleetEventWriter(conn);
  }
  return globalThis.wharfEventWriter;
}

/**
 * Keeps the state changes the followers see in FleetEvent, beyond the engine's 256-event buffer. Events are queued
 * and written in batches (a crash loop across a host is one transaction every FLUSH_MS, not one per event); a
 * reconnect replays events already stored, which the unique key drops.
 */
class EventLog {
  private queue: EventRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  /** A batch on its way to PostgreSQL: the next flush waits for it, so batches are stored in order. */
  private writing = false;

  note(hostId: string, e: EngineEvent) {
    const change = stateChangeOf(e);
    if (!change) return;
    const name = e.Actor.Attributes?.name ?? e.Actor.ID.slice(0, 12);
    this.queue.push({
      ...change,
      at: new Date(Math.floor((e.timeNano ?? e.time * 1e9) / 1e6)),
      hostId,
      containerId: e.Actor.ID,
      name,
      // Believed only with a valid owner proof; the tenant then comes from the App row, not from a label.
      appLabel: ownedWharfLabels(name, e.Actor.Attributes)[APP_LABEL],
    });
    this.schedule();
  }

  /**
   * Writes what is queued: on SQLite synchronously, on PostgreSQL in one query while the next events queue up.
   * A busy database keeps the batch for the next try; a failed write is logged and dropped.
   */
  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || !this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    let written: boolean | Promise<boolean>;
    try {
      written = writer().write(batch);
    } catch (err) {
      return this.failed(batch, err);
    }
    if (typeof written === "boolean") return this.settle(batch, written);
    this.writing = true;
    written
      .then(
        (ok) => this.settle(batch, ok),
        (err: unknown) => this.failed(batch, err),
      )
      .finally(() => {
        this.writing = false;
        if (this.queue.length) this.schedule();
      });
  }

  private settle(batch: EventRow[], written: boolean) {
    if (written) return;
    const dropped = Math.max(0, batch.length + this.queue.length - MAX_PENDING);
    if (dropped) console.error(`[wharf] events: database busy, ${dropped} event(s) not stored`);
    this.queue = batch.concat(this.queue).slice(dropped);
    this.schedule();
  }

  private failed(batch: EventRow[], err: unknown) {
    console.error(`[wharf] events: could not store ${batch.length} event(s): ${String(err)}`);
  }

  private schedule() {
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  startPruning() {
    if (this.pruner) return;
    void pruneEvents();
    this.pruner = setInterval(() => void pruneEvents(), PRUNE_EVERY_MS);
    this.pruner.unref();
  }
}

/** Drops events older than the retention (WHARF_EVENTS_RETENTION_DAYS). */
export async function pruneEvents(now = Date.now()) {
  const { count } = await db.fleetEvent.deleteMany({
    where: { at: { lt: new Date(now - config.eventsRetentionDays * DAY_MS) } },
  });
  return count;
}

declare global {
  var wharfEventLog: EventLog | undefined;
}
/** One log per process, shared by every follower (route handlers and the start-up hook are bundled apart). */
export const eventLog = (globalThis.wharfEventLog ??= new EventLog());
