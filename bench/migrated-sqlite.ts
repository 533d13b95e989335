// A fresh SQLite database for benchmarks that write rows without a Wharf server: every migration applied, WAL on.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

/** The path of a new migrated database file in a new temp folder named `prefix…`. */
export function migratedSqlite(prefix: string, name = "wharf.db"): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), name);
  const setup = new Database(file);
  setup.pragma("journal_mode = WAL");
  for (const m of fs.readdirSync("prisma/migrations").sort()) {
    const f = path.join("prisma/migrations", m, "migration.sql");
    if (fs.existsSync(f)) setup.exec(fs.readFileSync(f, "utf8"));
  }
  setup.close();
  return file;
}
