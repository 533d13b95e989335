// prisma/postgres/schema.prisma is derived from prisma/schema.prisma, never edited by hand (docs/database.md):
// Prisma 6 allows one datasource provider per schema, and the client it generates only accepts a driver adapter of
// that provider, so PostgreSQL needs its own schema and its own generated client. The models stay one source.
//   npx tsx scripts/db/postgres-schema.ts          rewrite the PostgreSQL schema
//   npx tsx scripts/db/postgres-schema.ts --check  exit 1 when it is out of date (scripts/db/postgres-schema.test.ts)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SQLITE_SCHEMA = path.join(root, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma/postgres/schema.prisma");

const HEADER =
  "// GENERATED from prisma/schema.prisma by scripts/db/postgres-schema.ts: do not edit (docs/database.md).\n";

/** The PostgreSQL copy: the provider, a placeholder URL, and the client's output beside SQLite's. */
export function postgresSchema(sqlite: string): string {
  const swaps: [RegExp, string][] = [
    [/^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"'],
    [/^(\s*output\s*=\s*)"\.\.\/lib\/generated\/prisma"/m, '$1"../../lib/generated/prisma-postgres"'],
    // Never used to connect (the client goes through adapter-pg with DATABASE_URL, lib/db.ts), but the CLI wants a
    // URL of the provider's kind: with DATABASE_URL unset or SQLite's (a fresh clone's build) it would try to
    // download a query engine.
    [/^(\s*url\s*=\s*)env\("DATABASE_URL"\)/m, '$1"postgresql://wharf@localhost/wharf"'],
  ];
  let out = sqlite;
  for (const [from, to] of swaps) {
    if (!from.test(out)) throw new Error(`prisma/schema.prisma: no line matches ${from}`);
    out = out.replace(from, to);
  }
  return HEADER + out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const wanted = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== wanted) {
      console.error(
        "prisma/postgres/schema.prisma is out of date: run npx tsx scripts/db/postgres-schema.ts",
      );
      process.exit(1);
    }
  } else if (current !== wanted) {
    fs.writeFileSync(POSTGRES_SCHEMA, wanted);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
