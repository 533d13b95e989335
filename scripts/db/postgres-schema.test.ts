import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "@/lib/postgres-migrations";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "./postgres-schema";

const read = (p: string) => fs.readFileSync(p, "utf8");
const folders = (dir: string) =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

describe("the PostgreSQL schema (docs/database.md)", () => {
  it("is prisma/schema.prisma with only the provider, URL and client folder changed", () => {
    // Out of date: run `npx tsx scripts/db/postgres-schema.ts` (or scripts/db/migration.sh for a schema change).
    expect(read(POSTGRES_SCHEMA)).toBe(postgresSchema(read(SQLITE_SCHEMA)));
    const changed = read(POSTGRES_SCHEMA)
      .split("\n")
      .filter((line) => !read(SQLITE_SCHEMA).split("\n").includes(line));
    expect(changed).toEqual([
      expect.stringMatching(/^\/\/ GENERATED/),
      '  output     = "../../lib/generated/prisma-postgres"',
      '  provider = "postgresql"',
      '  url      = "postgresql://wharf@localhost/wharf"',
    ]);
  });

  it("refuses a SQLite schema whose lines it does not recognise, rather than copying it unchanged", () => {
    expect(() => postgresSchema(read(SQLITE_SCHEMA).replace('"sqlite"', '"mysql"'))).toThrow(/provider/);
  });

  it("has a PostgreSQL migration of the same name for every SQLite migration since the PostgreSQL baseline", () => {
    const postgres = folders(MIGRATIONS_DIR);
    const baseline = postgres[0];
    expect(baseline).toMatch(/^\d{14}_init$/);
    const sqliteSince = folders(path.join("prisma", "migrations")).filter(
      (f) => f.slice(0, 14) > baseline.slice(0, 14),
    );
    // Missing ones: scripts/db/migration.sh writes both from one schema change.
    expect(sqliteSince.filter((f) => !postgres.includes(f))).toEqual([]);
    expect(postgres.filter((f) => f !== baseline && !sqliteSince.includes(f))).toEqual([]);
    expect(readMigrations().map((m) => m.name)).toEqual(postgres);
  });
});
