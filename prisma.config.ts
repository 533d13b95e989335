import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Prisma 6 with the JS engine and the SQLite driver adapter: works offline (no native engine download).
// The schema's `env("DATABASE_URL")` must resolve for every CLI call (generate included), or the CLI tries to
// download a query engine: so `npm run build` on a fresh clone, with no environment, uses the embedded default.
process.env.DATABASE_URL ??= "file:./data/wharf.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
