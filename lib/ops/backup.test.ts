import { describe, expect, it } from "vitest";
import { BACKUP_NAME, backupName, pgDumpConnection } from "./backup";
import { expiredBackups } from "./backup-schedule";

describe("pg_dump's connection", () => {
  it("keeps the password out of the arguments and drops Prisma's own parameters", () => {
    const c = pgDumpConnection(
      "postgresql://wharf:s%40cr%3At@db.example:5432/wharf?schema=public&sslmode=require",
    );
    expect(c.password).toBe("s@cr:t");
    expect(c.dbname).toBe("postgresql://wharf@db.example:5432/wharf?sslmode=require");
    expect(c.dbname).not.toContain("s%40cr");
  });
  it("has no password to pass when the URL has none", () => {
    expect(pgDumpConnection("postgresql://wharf@127.0.0.1:5433/x")).toEqual({
      dbname: "postgresql://wharf@127.0.0.1:5433/x",
      password: undefined,
    });
  });
});

describe("backup files", () => {
  it("are named by time, and retention keeps the newest", () => {
    const name = backupName(new Date("2026-12-03T11:50:00.123Z"));
    expect(name).toBe("wharf-backup-2026-12-03T11-50-00Z.sqlite");
    expect(BACKUP_NAME.test(name)).toBe(true);
    expect(BACKUP_NAME.test("../wharf-backup-x.sqlite")).toBe(false);
    const at = (h: number) => ({ name: `b${h}`, size: 1, at: new Date(h * 3_600_000) });
    expect(expiredBackups([at(3), at(2), at(1)], 2).map((b) => b.name)).toEqual(["b1"]);
    expect(expiredBackups([at(1)], 2)).toEqual([]);
  });
});
