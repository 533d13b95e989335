import "server-only";
import Database from "better-sqlite3";
import { errorCode } from "@/lib/api/errors";
import { config } from "@/lib/config";
import { postgresPool } from "@/lib/db";
import { RETENTION, VALUE_KEYS, type MetricKind, type Point } from "@/lib/ops/metrics-points";
import type { Statement, Transaction } from "better-sqlite3";
import type { Pool } from "pg";

// MetricPoint rows, written and read with statements prepared once: Prisma's per-row upsert costs ~1.7 ms of CPU a
// row (lib/fleet/event-rows.ts) and a pass at 100,000 containers is 100,000 rows; and reading a 24 h chart (1,440
// rows) through Prisma took 60 ms p50 / 200 ms p95 on the loaded bench machine, against the 100 ms target.

const COLS = ["kind", "subject", "step", "at", "tenantId", ...VALUE_KEYS] as const;

export type StoredPoint = { at: number } & Record<(typeof VALUE_KEYS)[number], number>;
const SELECT = `at, ${VALUE_KEYS.join(", ")}`;
/** At most this many points per chart (a 7-day range of 10-minute points is 1,008; 24 h of 2 s container points 43,200). */
const MAX_POINTS = 50_000;

interface PointWriter {
  read(
    kind: MetricKind,
    subject: string,
    step: number | null,
    fromS: number,
  ): Promise<StoredPoint[]> | StoredPoint[];
  /** false: the database stayed busy (SQLite) and the rest of the batch was dropped. */
  write(points: Point[]): Promise<boolean>;
  prune(nowS: number): Promise<number> | number;
  /** The latest complete container pass's time (0: none yet). */
  lastPass(): Promise<number> | number;
  /** Per container, its points with `fromS <= at <= toS` aggregated (lib/alerts' CPU and memory rules). */
  windows(fromS: number, toS: number): Promise<WindowRow[]> | WindowRow[];
}

/** One container's points over a window: subject, lowest CPU and memory, earliest interval start, latest point. */
export type WindowRow = { subject: string; minCpu: number; minMem: number; fromS: number; lastS: number };

const cutoffs = (nowS: number) => ({
  container: nowS - RETENTION.container,
  minute: nowS - RETENTION.minute,
  tenMinute: nowS - RETENTION.tenMinute,
});

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
/** MetricPoint's primary key order (kind, subject, step, at). */
const byKey = (a: Point, b: Point) =>
  cmp(a.kind, b.kind) || cmp(a.subject, b.subject) || a.step - b.step || a.at - b.at;

/** Rows per SQLite transaction, and how a chunk that finds the database busy is retried (as the whole pass was). */
export type ChunkOptions = { rows: number; retries: number; retryMs: number };
const CHUNKS: ChunkOptions = { rows: 2_000, retries: 10, retryMs: 100 };
const FOREVER = Number.MAX_SAFE_INTEGER;

/**
 * SQLite writes a batch in chunks of `rows` rows, one transaction each, with a turn of the event loop between them: a
 * pass of 80,000 rows in one transaction held the main thread for 420-480 ms of CPU (docs/metrics.md). Readers must not
 * take a half-written pass for the latest one, so `lastPass()` ignores container points from the first pass not yet
 * complete (being written, or dropped because the database stayed busy) until a later pass completes.
 */
export class SqlitePointWriter implements PointWriter {
  private readonly upsert: Statement;
  private readonly writeAll: Transaction<(points: Point[]) => void>;
  /** Container points at or after this time belong to a pass not known complete. */
  private hideFrom = FOREVER;
  private readonly del: Statement<[number, number, number]>;
  private readonly readStep: Statement<[string, string, number, number], StoredPoint>;
  private readonly readAny: Statement<[string, string, number], StoredPoint>;
  private readonly lastPassQ: Statement<[number], { at: number | null }>;
  private readonly windowsQ: Statement<[number, number], WindowRow>;

  constructor(
    conn: Database.Database,
    private readonly chunks: ChunkOptions = CHUNKS,
  ) {
    this.readStep = conn.prepare(
      `SELECT ${SELECT} FROM MetricPoint WHERE kind = ? AND subject = ? AND step = ? AND at >= ? ORDER BY at LIMIT ${MAX_POINTS}`,
    );
    this.readAny = conn.prepare(
      `SELECT ${SELECT} FROM MetricPoint WHERE kind = ? AND subject = ? AND at >= ? ORDER BY at LIMIT ${MAX_POINTS}`,
    );
    this.lastPassQ = conn.prepare(
      `SELECT MAX(at) AS at FROM MetricPoint WHERE kind = 'container' AND at < ?`,
    );
    this.windowsQ = conn.prepare(
      `SELECT subject, MIN(cpu) AS minCpu, MIN(mem) AS minMem, MIN(at - step) AS fromS, MAX(at) AS lastS
       FROM MetricPoint WHERE kind = 'container' AND at >= ? AND at <= ? GROUP BY subject`,
    );
    this.upsert = conn.prepare(
      `INSERT INTO MetricPoint (${COLS.join(", ")}) VALUES (${COLS.map(() => "?").join(", ")})
       ON CONFLICT (kind, subject, step, at) DO UPDATE SET ${VALUE_KEYS.map((k) => `${k} = excluded.${k}`).join(", ")}`,
    );
    this.writeAll = conn.transaction((points: Point[]) => {
      for (const p of points) this.upsert.run(COLS.map((c) => p[c]));
    });
    this.del = conn.prepare(
      `DELETE FROM MetricPoint WHERE at < ? AND (kind = 'container' OR (step = 60 AND at < ?) OR at < ?)`,
    );
  }

  read(kind: MetricKind, subject: string, step: number | null, fromS: number): StoredPoint[] {
    return step === null
      ? this.readAny.all(kind, subject, fromS)
      : this.readStep.all(kind, subject, step, fromS);
  }

  lastPass(): number {
    return this.lastPassQ.get(this.hideFrom)?.at ?? 0;
  }

  windows(fromS: number, toS: number): WindowRow[] {
    return this.windowsQ.all(fromS, toS);
  }

  async write(points: Point[]): Promise<boolean> {
    // The pass's time: its container points all carry it (other batches, e.g. bucket totals alone, have none).
    const passAt = points.reduce((m, p) => (p.kind === "container" ? Math.max(m, p.at) : m), 0);
    if (passAt) this.hideFrom = Math.min(this.hideFrom, passAt);
    const { rows, retries, retryMs } = this.chunks;
    // In key order, so each chunk touches its own range of index pages: unsorted, every chunk rewrote pages all over
    // the primary key and the pass cost 2.5 times the CPU of one transaction (bench:metrics).
    const sorted = points.toSorted(byKey);
    for (let i = 0; i < sorted.length; i += rows) {
      if (i) await new Promise((r) => setImmediate(r)); // requests and SSE frames between chunks
      if (!(await this.writeChunk(sorted.slice(i, i + rows), retries, retryMs))) return false;
    }
    if (passAt && passAt >= this.hideFrom) this.hideFrom = FOREVER;
    return true;
  }

  /** One chunk in one transaction; SQLITE_BUSY (another writer holds the lock): wait and retry, false once out of tries. */
  private async writeChunk(chunk: Point[], retries: number, retryMs: number): Promise<boolean> {
    for (let t = 0; ; t++) {
      try {
        this.writeAll.immediate(chunk);
        return true;
      } catch (err) {
        if (errorCode(err) !== "SQLITE_BUSY") throw err;
        if (t >= retries) return false;
      }
      await new Promise((r) => setTimeout(r, retryMs * (t + 1)));
    }
  }

  prune(nowS: number): number {
    const c = cutoffs(nowS);
    try {
      // Containers older than 24 h; 1-minute totals older than 7 d; anything older than 90 d.
      return this.del.run(c.container, c.minute, c.tenMinute).changes;
    } catch (err) {
      if (errorCode(err) === "SQLITE_BUSY") return 0;
      throw err;
    }
  }
}

class PostgresPointWriter implements PointWriter {
  constructor(private readonly pool: Pool) {}

  async read(kind: MetricKind, subject: string, step: number | null, fromS: number): Promise<StoredPoint[]> {
    const r = await this.pool.query(
      `SELECT ${VALUE_KEYS.reduce((q, k) => `${q}, "${k}"::float8 AS "${k}"`, "at::float8 AS at")} FROM "MetricPoint"
       WHERE kind = $1::"MetricSubject" AND subject = $2 AND at >= $3 AND ($4::int IS NULL OR step = $4)
       ORDER BY at LIMIT ${MAX_POINTS}`,
      [kind, subject, fromS, step],
    );
    return r.rows as StoredPoint[];
  }

  async lastPass(): Promise<number> {
    const r = await this.pool.query(
      `SELECT MAX(at)::float8 AS at FROM "MetricPoint" WHERE kind = 'container'`,
    );
    return (r.rows[0]?.at as number | null) ?? 0;
  }

  async windows(fromS: number, toS: number): Promise<WindowRow[]> {
    const r = await this.pool.query(
      `SELECT subject, MIN(cpu)::float8 AS "minCpu", MIN(mem)::float8 AS "minMem", MIN(at - step)::float8 AS "fromS",
              MAX(at)::float8 AS "lastS"
       FROM "MetricPoint" WHERE kind = 'container' AND at >= $1 AND at <= $2 GROUP BY subject`,
      [fromS, toS],
    );
    return r.rows as WindowRow[];
  }

  /** One statement (12 array parameters, whatever the size): atomic, and asynchronous, so it never blocks the loop. */
  async write(points: Point[]): Promise<boolean> {
    if (!points.length) return true;
    await this.pool.query(
      `INSERT INTO "MetricPoint" (${COLS.map((c) => `"${c}"`).join(", ")})
       SELECT r.kind::"MetricSubject", r.subject, r.step, r.at, r.tenant, r.cpu, r.mem, r.rx, r.tx, r.br, r.bw, r.restarts
       FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::int[], $7::bigint[], $8::bigint[],
                   $9::bigint[], $10::bigint[], $11::bigint[], $12::int[])
            AS r(kind, subject, step, at, tenant, cpu, mem, rx, tx, br, bw, restarts)
       ON CONFLICT (kind, subject, step, at) DO UPDATE SET
         ${VALUE_KEYS.map((k) => `"${k}" = excluded."${k}"`).join(", ")}`,
      COLS.map((c) => points.map((p) => p[c])),
    );
    return true;
  }

  async prune(nowS: number): Promise<number> {
    const c = cutoffs(nowS);
    const r = await this.pool.query(
      `DELETE FROM "MetricPoint" WHERE at < $1 AND (kind = 'container' OR (step = 60 AND at < $2) OR at < $3)`,
      [c.container, c.minute, c.tenMinute],
    );
    return r.rowCount ?? 0;
  }
}

declare global {
  var wharfPointWriter: PointWriter | undefined;
}

/** SQLite: a connection of its own with no busy timeout (as the event log's, lib/fleet/event-log.ts); PostgreSQL: the pool. */
export function pointWriter(): PointWriter {
  if (!globalThis.wharfPointWriter) {
    const pool = postgresPool();
    if (pool) return (globalThis.wharfPointWriter = new PostgresPointWriter(pool));
    const conn = new Database(config.databaseUrl.replace(/^file:/, ""), { fileMustExist: true, timeout: 0 });
    conn.pragma("synchronous = NORMAL");
    globalThis.wharfPointWriter = new SqlitePointWriter(conn);
  }
  return globalThis.wharfPointWriter;
}

/** The latest container pass's time, seconds (0: none yet). */
export async function lastContainerPass(): Promise<number> {
  return Number(await pointWriter().lastPass());
}

/** Per container, its points from `fromS` to `toS` (a complete pass's time), aggregated (lib/alerts' CPU and memory rules). */
export async function containerWindows(fromS: number, toS: number): Promise<WindowRow[]> {
  return pointWriter().windows(fromS, toS);
}

/** One subject's points from `fromS` on, oldest first (a primary-key range, on the writer's own connection). */
export async function readPoints(
  kind: MetricKind,
  subject: string,
  step: number | null,
  fromS: number,
): Promise<StoredPoint[]> {
  return pointWriter().read(kind, subject, step, fromS);
}
