import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { SqlitePointWriter } from "./metrics-rows";
import type { Point } from "./metrics-points";

// lib/db opens the configured database on import; the writer under test gets its own connection.
vi.mock("@/lib/db", () => ({ postgresPool: () => null }));

/** An in-memory database migrated like the real one (every SQLite migration in order). */
function migrated() {
  const conn = new Database(":memory:", { timeout: 0 });
  for (const m of fs.readdirSync("prisma/migrations").sort()) {
    const f = path.join("prisma/migrations", m, "migration.sql");
    if (fs.existsSync(f)) conn.exec(fs.readFileSync(f, "utf8"));
  }
  return conn;
}

const pass = (at: number, containers: number, cpu: number): Point[] =>
  Array.from({ length: containers }, (_, i) => ({
    kind: "container",
    subject: `h1/c${i}`,
    step: 60,
    at,
    tenantId: "t1",
    cpu,
    mem: 100,
    netRx: 0,
    netTx: 0,
    blkRead: 0,
    blkWrite: 0,
    restarts: 0,
  }));

const turn = () => new Promise((r) => setImmediate(r));

describe("SqlitePointWriter, a pass written in chunks", () => {
  it("shows readers the previous pass until the last chunk is in", async () => {
    const conn = migrated();
    const count = conn.prepare<[number], { n: number }>(
      "SELECT COUNT(*) AS n FROM MetricPoint WHERE kind = 'container' AND at = ?",
    );
    const w = new SqlitePointWriter(conn, { rows: 100, retries: 0, retryMs: 1 });
    expect(await w.write(pass(1000, 500, 10))).toBe(true);
    expect(w.lastPass()).toBe(1000);

    const writing = w.write(pass(1060, 500, 90));
    const seen: number[] = [];
    for (let n = count.get(1060)!.n; n < 500; n = count.get(1060)!.n) {
      seen.push(n);
      // A reader between chunks, as lib/alerts reads: the latest complete pass, then the window up to it.
      const last = w.lastPass();
      expect(last).toBe(1000);
      const rows = w.windows(last - 600, last);
      expect(rows).toHaveLength(500);
      expect(rows.every((r) => r.lastS === 1000 && r.minCpu === 10)).toBe(true);
      await turn();
    }
    expect(await writing).toBe(true);
    // The loop turned between chunks: readers ran while 100, 200, … rows of the 500 were in.
    expect(seen.filter((n) => n > 0 && n < 500).length).toBeGreaterThanOrEqual(3);
    expect(w.lastPass()).toBe(1060);
    expect(w.windows(1060 - 600, 1060).every((r) => r.lastS === 1060 && r.minCpu === 10)).toBe(true);
  });

  it("never takes a pass dropped half-way (database busy) for the latest one", async () => {
    const file = path.join(fs.mkdtempSync("/tmp/wharf-rows-"), "w.db");
    const setup = migrated();
    await setup.backup(file);
    setup.close();
    const conn = new Database(file, { timeout: 0 });
    const other = new Database(file, { timeout: 0 });
    try {
      const w = new SqlitePointWriter(conn, { rows: 100, retries: 1, retryMs: 1 });
      expect(await w.write(pass(1000, 300, 10))).toBe(true);
      const writing = w.write(pass(1060, 300, 90));
      await turn(); // the first chunk is in; another writer takes the lock for good
      other.exec("BEGIN IMMEDIATE");
      expect(await writing).toBe(false);
      other.exec("ROLLBACK");
      const half = conn.prepare("SELECT COUNT(*) AS n FROM MetricPoint WHERE at = 1060").get() as {
        n: number;
      };
      expect(half.n).toBeGreaterThan(0);
      expect(half.n).toBeLessThan(300);
      expect(w.lastPass()).toBe(1000);
      // The next pass completes: it is the latest; the half pass's points are older points like any other.
      expect(await w.write(pass(1120, 300, 20))).toBe(true);
      expect(w.lastPass()).toBe(1120);
    } finally {
      conn.close();
      other.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
