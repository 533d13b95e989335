import "server-only";
import { randomUUID } from "node:crypto";
import { errorCode } from "@/lib/api/errors";
import type { EngineEventType } from "@/lib/validations/fleet-events";
import type { Database, Statement, Transaction } from "better-sqlite3";
import type { Pool } from "pg";

/** One state change to store (lib/fleet/event-log.ts queues them). */
export type EventRow = {
  at: Date;
  hostId: string;
  containerId: string;
  name: string;
  type: EngineEventType;
  exitCode: number | null;
  /** The container's `wharf.app` label, already believed only with a valid owner proof. */
  appLabel?: string;
};

/**
 * How Prisma stores a DateTime in SQLite (adapter-better-sqlite3, "iso8601"): rows written here must compare as text
 * with Prisma's own (the unique key that drops replays, the `at` range filters of GET /events).
 */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** Stores a batch: true when written, false when the database was busy and the caller should keep it. */
export interface EventWriter {
  write(rows: EventRow[]): boolean | Promise<boolean>;
}

/**
 * Writes batches of FleetEvent rows with statements prepared once. Through Prisma each row was an upsert through the
 * query compiler: ~1.7 ms of CPU per row, 17 % of a core at 1,000 events/s and the largest long task in the server's
 * profile (docs/scale.md, round 4). Here a batch is one synchronous transaction of plain inserts (~10 µs a row).
 *
 * The connection is its own, with no busy timeout: better-sqlite3 waits for a lock synchronously, so waiting here
 * while a Prisma interactive transaction holds the write lock would block the very event loop that must finish it.
 * A busy database answers `false` at once and the caller keeps the batch for its next flush.
 */
export class FleetEventWriter implements EventWriter {
  private readonly insert: Statement<
    [string, string, string, string | null, string | null, string, string, string, number | null]
  >;
  private readonly tenantOfApp: Statement<[string], { tenantId: string }>;
  private readonly writeAll: Transaction<(rows: EventRow[]) => void>;

  constructor(conn: Database) {
    this.insert = conn.prepare(
      `INSERT INTO FleetEvent (id, at, hostId, tenantId, appId, containerId, containerName, type, exitCode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hostId, containerId, type, at) DO NOTHING`,
    );
    // The tenant comes from Wharf's own App row, never from a label: an unknown app stores no app and no tenant.
    this.tenantOfApp = conn.prepare(
      "SELECT p.tenantId AS tenantId FROM App a JOIN Project p ON p.id = a.projectId WHERE a.id = ?",
    );
    this.writeAll = conn.transaction((rows: EventRow[]) => {
      const tenants = new Map<string, string | null>();
      for (const r of rows) {
        let tenantId: string | null = null;
        if (r.appLabel) {
          if (!tenants.has(r.appLabel))
            tenants.set(r.appLabel, this.tenantOfApp.get(r.appLabel)?.tenantId ?? null);
          tenantId = tenants.get(r.appLabel) ?? null;
        }
        const appId = tenantId ? r.appLabel! : null;
        this.insert.run(
          randomUUID(),
          sqliteDate(r.at),
          r.hostId,
          tenantId,
          appId,
          r.containerId,
          r.name,
          r.type,
          r.exitCode,
        );
      }
    });
  }

  /** Stores the batch in one transaction; false (nothing written) when another connection holds the write lock. */
  write(rows: EventRow[]): boolean {
    try {
      this.writeAll.immediate(rows);
      return true;
    } catch (err) {
      if (errorCode(err) === "SQLITE_BUSY") return false;
      throw err;
    }
  }
}

/**
 * The same rows on PostgreSQL (lib/db.ts's pool): a batch is one INSERT of unnest()ed arrays, so one round trip
 * however long it is. The tenant again comes from the App row (the join), and the unique key drops replays.
 * `at` goes in as UTC text into TIMESTAMP(3), which is how Prisma stores and reads a DateTime on PostgreSQL.
 */
export class PostgresEventWriter implements EventWriter {
  constructor(private readonly pool: Pool) {}

  async write(rows: EventRow[]): Promise<boolean> {
    await this.pool.query(
      `INSERT INTO "FleetEvent" (id, at, "hostId", "tenantId", "appId", "containerId", "containerName", type, "exitCode")
       SELECT r.id, r.at::timestamp(3), r.host, p."tenantId", CASE WHEN p."tenantId" IS NULL THEN NULL ELSE r.app END,
              r.container, r.name, r.type, r.code
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
            AS r(id, at, host, app, container, name, type, code)
       LEFT JOIN "App" a ON a.id = r.app
       LEFT JOIN "Project" p ON p.id = a."projectId"
       ON CONFLICT ("hostId", "containerId", type, at) DO NOTHING`,
      [
        rows.map(() => randomUUID()),
        rows.map((r) => r.at.toISOString().replace("Z", "")),
        rows.map((r) => r.hostId),
        rows.map((r) => r.appLabel ?? null),
        rows.map((r) => r.containerId),
        rows.map((r) => r.name),
        rows.map((r) => r.type),
        rows.map((r) => r.exitCode),
      ],
    );
    return true;
  }
}
