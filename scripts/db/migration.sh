#!/usr/bin/env bash
# A schema change's two migrations, one per database (docs/database.md):
#   bash scripts/db/migration.sh <name> [base-ref]     (base-ref: the schema the change starts from, default main)
# Rewrites prisma/postgres/schema.prisma from prisma/schema.prisma, writes
#   prisma/migrations/<stamp>_<name>/migration.sql           (SQLite)
#   prisma/postgres/migrations/<stamp>_<name>/migration.sql  (PostgreSQL, same folder name)
# each the diff from base-ref's schema to the working tree's, and regenerates both clients. Offline: `migrate diff`
# needs no database. Read both files: they must hold only your change.
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: scripts/db/migration.sh <name> [base-ref]}
base=${2:-main}
stamp=$(date -u +%Y%m%d%H%M%S)
npx tsx scripts/db/postgres-schema.ts
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
diff_to() { # schema-file out-dir
  mkdir -p "$2/${stamp}_$name"
  # A real file: the CLI cannot read the /dev/fd path of a process substitution.
  git show "$base:$1" >"$before/schema.prisma"
  DATABASE_URL=file:./data/x.db npx prisma migrate diff --script \
    --from-schema-datamodel "$before/schema.prisma" --to-schema-datamodel "$1" >"$2/${stamp}_$name/migration.sql"
  echo "wrote $2/${stamp}_$name/migration.sql"
}
diff_to prisma/schema.prisma prisma/migrations
diff_to prisma/postgres/schema.prisma prisma/postgres/migrations
npm run --silent db:generate
