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
import { EventWriterLock } from "@/lib/fleet/event-writer-lock";
import { stateChangeOf } from "@/lib/fleet/state-change";

const FLUSH_MS = 500;
const PRUNE_EVERY_MS = 3600_000;
const DAY_MS = 24 * 3600_000;
/** Rows kept while the database stays busy; beyond that the oldest are dropped (and said so). */
const MAX_PENDING = 20_000;
/**
 * PostgreSQL, an instance that is not the writer: how long it keeps what it saw, written if it becomes the writer.
 * It covers what a writer that died had not stored yet (its queue, ≤ FLUSH_MS, and a batch on its way) and the time
 * until another instance takes the lock (at once for a killed process, ≤ 17 s for a frozen one).
 */
const BACKLOG_MS = 30_000;

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
    if (pool) {
      eventLog.useLock(new EventWriterLock(config.databaseUrl, () => eventLog.flush()));
      return (globalThis.wharfEventWriter = new PostgresEventWriter(pool));
    }
    const conn = new Database(config.databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 0 });
    conn.pragma("synchronous = NORMAL"); // as Prisma's connection (lib/db.ts); WAL is set in the file
    globalThis.wharfEventWriter = new FleetEventWriter(conn);
  }
  return globalThis.wharfEventWriter;
}

/**
 * Keeps the state changes the followers see in FleetEvent, beyond the engine's 256-event buffer. Events are queued
 * and written in batches (a crash loop across a host is one transaction every FLUSH_MS, not one per event); a
 * reconnect replays events already stored, which the unique key drops. On PostgreSQL only the instance holding the
 * writer lock writes (lib/fleet/event-writer-lock.ts); the others keep the last BACKLOG_MS of rows and write them when
 * they take the lock over (the unique key drops what the old writer had stored).
 */
export class EventLog {
  private queue: EventRow[] = [];
  private lock: { isHeld: boolean; start(): void; stop(): Promise<void> } | null = null;
  /** Batches not written because another instance is the writer, with when they were set aside. */
  private backlog: { at: number; rows: EventRow[] }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  /** A batch on its way to PostgreSQL: the next flush waits for it, so batches are stored in order. */
  private writing = false;
  /** That batch's write, for `stop` to wait on. */
  private written: Promise<unknown> = Promise.resolve();

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

  /** PostgreSQL: write only while holding the writer lock (started here). */
  useLock(lock: { isHeld: boolean; start(): void; stop(): Promise<void> }) {
    this.lock = lock;
    lock.start();
  }

  /**
   * Writes what is queued: on SQLite synchronously, on PostgreSQL in one query while the next events queue up.
   * A busy database keeps the batch for the next try; a failed write is logged and dropped. Not the writer (another
   * instance holds the lock): set aside instead.
   */
  flush(now = Date.now()) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let w: EventWriter;
    try {
      w = writer(); // on PostgreSQL, also takes part in the writer lock from now on
    } catch (err) {
      const batch = this.queue;
      this.queue = [];
      return this.failed(batch, err);
    }
    if (this.lock && !this.lock.isHeld) return this.setAside(now);
    if (this.backlog.length) {
      this.queue = this.backlog.flatMap((b) => b.rows).concat(this.queue);
      this.backlog = [];
    }
    if (this.writing || !this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    let written: boolean | Promise<boolean>;
    try {
      written = w.write(batch);
    } catch (err) {
      return this.failed(batch, err);
    }
    if (typeof written === "boolean") return this.settle(batch, written);
    this.writing = true;
    this.written = written
      .then(
        (ok) => this.settle(batch, ok),
        (err: unknown) => this.failed(batch, err),
      )
      .finally(() => {
        this.writing = false;
        if (this.queue.length) this.schedule();
      });
  }

  /** Another instance writes: keep what was seen for BACKLOG_MS (at most MAX_PENDING rows), in case it dies. */
  private setAside(now: number) {
    if (this.queue.length) this.backlog.push({ at: now, rows: this.queue });
    this.queue = [];
    let kept = 0;
    for (const b of this.backlog) kept += b.rows.length;
    while (this.backlog.length && (this.backlog[0].at < now - BACKLOG_MS || kept > MAX_PENDING))
      kept -= this.backlog.shift()!.rows.length;
  }

  /** Rows set aside as not the writer (for tests and diagnostics). */
  get backlogRows() {
    return this.backlog.reduce((n, b) => n + b.rows.length, 0);
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

  /**
   * The server is stopping: what is queued is written (when this instance is the writer), then the writer lock is let
   * go, so another instance becomes the writer at its next try and writes the backlog it kept.
   */
  async stop() {
    // Only when there is something to write: a first flush here would open the writer (on SQLite a connection of its
    // own, whose close at exit made a Ctrl-C'd server take seconds more to end; measured 2026-12-04).
    if (this.queue.length) this.flush();
    await this.written;
    await this.lock?.stop();
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
