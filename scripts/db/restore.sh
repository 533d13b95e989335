#!/usr/bin/env bash
# Restores a Wharf backup (GET /api/v1/admin/backup, or a file of WHARF_BACKUP_DIR) into a fresh installation.
#   DATABASE_URL=<where to restore> bash scripts/db/restore.sh BACKUP-FILE [--force]
# The file says what it is: a SQLite database (`.sqlite`) restores into DATABASE_URL=file:…, a pg_dump archive
# (`.pgdump`) into an empty PostgreSQL database named by DATABASE_URL=postgresql://…. Without --force, an existing
# SQLite file or a PostgreSQL database that already holds tables is refused. Then start Wharf with the SAME server
# key as the backed-up installation (WHARF_SECRET_KEY, or its data/secret.key file): secrets in the backup are sealed
# under it. Wharf applies any newer migrations at start. docs/database.md, "Backups".
set -euo pipefail

die() { printf 'restore.sh: %s\n' "$*" >&2; exit 1; }
file=${1:-}
force=${2:-}
[[ -n $file && -f $file ]] || die "usage: DATABASE_URL=… bash scripts/db/restore.sh BACKUP-FILE [--force]"
[[ -z $force || $force == --force ]] || die "unknown option $force"
url=${DATABASE_URL:-file:./data/wharf.db}
magic=$(head -c 15 "$file" | tr -d '\0')

restore_sqlite() {
  [[ $url == file:* ]] || die "a SQLite backup restores into DATABASE_URL=file:… (got a non-SQLite URL)"
  local target=${url#file:}
  target=${target%%\?*}
  if [[ -e $target && -z $force ]]; then die "$target exists; move it away or pass --force"; fi
  mkdir -p "$(dirname "$target")"
  cp "$file" "$target.restoring"
  rm -f "$target-wal" "$target-shm" "$target-journal"
  mv -f "$target.restoring" "$target" # whole or absent
  echo "restore.sh: SQLite database restored to $target"
}

restore_postgres() {
  [[ $url =~ ^postgres(ql)?:// ]] || die "a pg_dump backup restores into DATABASE_URL=postgresql://…"
  # The password goes through PGPASSWORD, never on a command line (ps shows argv to every local user); Prisma's own
  # URL parameters are dropped, libpq refuses them.
  local re='^(postgres(ql)?://)([^:@/]*)(:([^@]*))?@(.*)$' conn=$url
  if [[ $url =~ $re && -n ${BASH_REMATCH[5]} ]]; then
    local pass=${BASH_REMATCH[5]}
    PGPASSWORD=$(printf '%b' "${pass//%/\\x}")
    export PGPASSWORD
    conn="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[6]}"
  fi
  conn=$(sed -E 's/([?&])(schema|connection_limit|pool_timeout|pgbouncer|statement_cache_size|socket_timeout)=[^&]*&?/\1/g; s/[?&]$//' <<<"$conn")
  local tables
  tables=$(psql --no-psqlrc -tAqc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" "$conn")
  local clean=()
  if ((tables > 0)); then
    [[ -n $force ]] || die "the database already holds $tables tables; restore into an empty one or pass --force"
    clean=(--clean --if-exists)
  fi
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction "${clean[@]}" --dbname "$conn" "$file"
  echo "restore.sh: PostgreSQL database restored"
}

case $magic in
  "SQLite format 3") restore_sqlite ;;
  PGDMP*) restore_postgres ;;
  *) die "$file is neither a SQLite database nor a pg_dump archive (custom format)" ;;
esac
