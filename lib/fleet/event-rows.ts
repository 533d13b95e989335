import "server-only";
import { randomUUID } from "node:crypto";
import type { FleetEventType } from "@/lib/validations/fleet-events";
import type { Database, Statement, Transaction } from "better-sqlite3";

/** One state change to store (lib/fleet/event-log.ts queues them). */
export type EventRow = {
  at: Date;
  hostId: string;
  containerId: string;
  name: string;
  type: FleetEventType;
  exitCode: number | null;
  /** The container's `wharf.app` label, already believed only with a valid owner proof. */
  appLabel?: string;
};

/**
 * How Prisma stores a DateTime in SQLite (adapter-better-sqlite3, "iso8601"): rows written here must compare as text
 * with Prisma's own (the unique key that drops replays, the `at` range filters of GET /events).
 */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * Writes batches of FleetEvent rows with statements prepared once. Through Prisma each row was an upsert through the
 * query compiler: ~1.7 ms of CPU per row, 17 % of a core at 1,000 events/s and the largest long task in the server's
 * profile (docs/scale.md, round 4). Here a batch is one synchronous transaction of plain inserts (~10 µs a row).
 *
 * The connection is its own, with no busy timeout: better-sqlite3 waits for a lock synchronously, so waiting here
 * while a Prisma interactive transaction holds the write lock would block the very event loop that must finish it.
 * A busy database answers `false` at once and the caller keeps the batch for its next flush.
 */
export class FleetEventWriter {
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
      if ((err as { code?: string }).code === "SQLITE_BUSY") return false;
      throw err;
    }
  }
}
