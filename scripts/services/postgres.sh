#!/usr/bin/env bash
# Debian's PostgreSQL 15 for the tests that run Wharf on PostgreSQL (issue 20).
#   postgres.sh start|stop|status|url
# A throw-away cluster: initdb in a fresh temporary directory (trust auth, user `wharf`), listening on
# 127.0.0.1:$WHARF_TEST_POSTGRES_PORT (default 5433) and a socket in that directory. `stop` stops only the server
# this script started (the pid it recorded) and deletes its directory. `url` prints the admin URL: tests create one
# database per Wharf server on it (tests/helpers/test-database.ts).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT=${WHARF_TEST_POSTGRES_PORT:-5433}
BIN=/usr/lib/postgresql/15/bin
PIDFILE=$STATE_DIR/postgres.pid
DIRFILE=$STATE_DIR/postgres.dir
LOGFILE=/var/log/wharf-postgres.log
URL="postgresql://wharf@127.0.0.1:$PORT/postgres"

answers() { "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; }

install_postgres() {
  [[ -x $BIN/postgres ]] && return 0
  log "installing postgresql-15"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y --no-install-recommends postgresql-15 >/dev/null
}

start() {
  install_postgres
  if pid_alive "$PIDFILE" postgres && answers; then
    log "postgres already running on 127.0.0.1:$PORT (started by us)"
    return 0
  fi
  answers && die "something else answers on 127.0.0.1:$PORT; set WHARF_TEST_POSTGRES_PORT to a free port"
  local dir
  dir=$(mktemp -d /tmp/wharf-postgres.XXXXXX)
  chown postgres: "$dir"
  echo "$dir" >"$DIRFILE"
  # initdb refuses to run as root: the cluster belongs to Debian's `postgres` user.
  runuser -u postgres -- "$BIN/initdb" -D "$dir/data" -U wharf --auth=trust -E UTF8 >/dev/null
  # Many throw-away databases, each opened by one server: more connections than the default 100, no fsync
  # (a test cluster is deleted on stop; durability is not what the tests check).
  runuser -u postgres -- "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
  head -1 "$dir/data/postmaster.pid" >"$PIDFILE"
  wait_until 30 "postgres on 127.0.0.1:$PORT (see $dir/server.log)" answers
  log "postgres ready on 127.0.0.1:$PORT (pid $(<"$PIDFILE"), data $dir)"
}

stop() {
  local dir
  dir=$(cat "$DIRFILE" 2>/dev/null || true)
  [[ -n $dir && -f $dir/server.log ]] && cat "$dir/server.log" >>"$LOGFILE" 2>/dev/null || true
  stop_pidfile "$PIDFILE" postgres 30
  if [[ -n $dir && $dir == /tmp/wharf-postgres.* ]]; then rm -rf "$dir"; fi
  rm -f "$DIRFILE"
}

status() {
  if answers; then echo "running on 127.0.0.1:$PORT"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
