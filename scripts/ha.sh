#!/usr/bin/env bash
# Wharf without a single point of failure, on this machine (issue 20; docs/database.md, "HA"):
#   bash scripts/ha.sh up|down|restart|status
# `up` starts a PostgreSQL cluster (scripts/services/postgres.sh, on its own port and state folder), two Wharf
# instances on that database (one server key, WHARF_INSTANCE_ID wharf-1 and wharf-2) and Debian's HAProxy in front,
# health-checking GET /api/v1/ready; it prints the URL and the first admin's password. `down` stops only what `up`
# started (the pids it recorded) and deletes the cluster; `restart` restarts the instances one at a time. A rig for
# trying and testing several instances: in production, point the instances at your own PostgreSQL (postgres.sh runs
# it without fsync) and HAProxy.
# Needs a production build (`npm run build`; it runs one when there is none).
#   WHARF_HA_PORT (3100)          HAProxy, on WHARF_HA_ADDR (127.0.0.1)
#   WHARF_HA_PORT_1/2 (3101/3102) the instances, on 127.0.0.1 only
#   WHARF_HA_POSTGRES_PORT (5434) the PostgreSQL cluster
#   WHARF_HA_STATE_DIR (/run/wharf-ha) pids, logs, the server key, the admin password
set -euo pipefail
cd "$(dirname "$0")/.."

export WHARF_HA_ADDR=${WHARF_HA_ADDR:-127.0.0.1}
export WHARF_HA_PORT=${WHARF_HA_PORT:-3100}
export WHARF_HA_PORT_1=${WHARF_HA_PORT_1:-3101}
export WHARF_HA_PORT_2=${WHARF_HA_PORT_2:-3102}
PG_PORT=${WHARF_HA_POSTGRES_PORT:-5434}
HA_DIR=${WHARF_HA_STATE_DIR:-/run/wharf-ha}
# postgres.sh keeps its pid and folder under this state dir: its own, apart from the test services' cluster.
export WHARF_TEST_STATE_DIR=$HA_DIR WHARF_TEST_POSTGRES_PORT=$PG_PORT
source scripts/services/lib.sh
DB_URL="postgresql://wharf@127.0.0.1:$PG_PORT/wharf"
URL="http://$WHARF_HA_ADDR:$WHARF_HA_PORT"

ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/api/v1/ready"; }
both_in() {
  local seen
  seen=$(for _ in 1 2 3 4; do curl -fsS -D - -o /dev/null "$URL/api/v1/ready" | grep -i '^x-wharf-instance:'; done | sort -u | wc -l)
  ((seen == 2))
}

start_instance() {
  local n=$1 port=$2 pidfile=$HA_DIR/wharf-$1.pid
  if pid_alive "$pidfile"; then log "wharf-$n already running (pid $(<"$pidfile"))"; return 0; fi
  # A process group of its own (setsid), so `down` stops everything under it together. One process (node --import
  # tsx, not tsx's wrapper): the wrapper kills a server that has not answered its relayed signal within 60 ms (a busy
  # event loop), which would cut the graceful stop (lib/graceful-stop.ts) short.
  NODE_ENV=production PORT=$port HOST=127.0.0.1 DATABASE_URL=$DB_URL WHARF_INSTANCE_ID=wharf-$n \
    WHARF_SECRET_KEY_FILE=$HA_DIR/secret.key WHARF_TRUSTED_PROXIES=127.0.0.1/32 \
    WHARF_ADMIN_EMAIL=${WHARF_ADMIN_EMAIL:-admin@wharf.local} WHARF_ADMIN_PASSWORD=$(<"$HA_DIR/admin-password") \
    setsid node $(node -p 'require("./package.json").config.serverNodeArgs') --import tsx server.ts >>"$HA_DIR/wharf-$n.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  # Instances sharing a machine each keep their main thread on a core of their own (its tid is the pid): left to the
  # scheduler, they and HAProxy migrate between cores and two serve ~9 % dearer (docs/scale.md, "Several instances").
  taskset -p -c $(((n - 1) % $(nproc))) "$(<"$pidfile")" >/dev/null
  wait_until 180 "wharf-$n on port $port (see $HA_DIR/wharf-$n.log)" ready "$port"
  log "wharf-$n ready on 127.0.0.1:$port"
}

up() {
  ensure_cmd haproxy haproxy
  ensure_cmd curl curl
  [[ -f ${NEXT_DIST_DIR:-.next}/BUILD_ID ]] || npm run build
  mkdir -p "$HA_DIR" && chmod 700 "$HA_DIR"
  bash scripts/services/postgres.sh start
  psql -h 127.0.0.1 -p "$PG_PORT" -U wharf -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'wharf'" |
    grep -q 1 || psql -h 127.0.0.1 -p "$PG_PORT" -U wharf -d postgres -qc "CREATE DATABASE wharf"
  # One server key for every instance: each must open the secrets another sealed.
  [[ -s $HA_DIR/secret.key ]] || (umask 077 && head -c 32 /dev/urandom | base64 >"$HA_DIR/secret.key")
  [[ -s $HA_DIR/admin-password ]] ||
    (umask 077 && printf '%s' "${WHARF_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')}" >"$HA_DIR/admin-password")
  # One after the other: the first migrates the database and creates the first admin.
  start_instance 1 "$WHARF_HA_PORT_1"
  start_instance 2 "$WHARF_HA_PORT_2"
  if ! pid_alive "$HA_DIR/haproxy.pid" haproxy; then
    haproxy -f scripts/ha/haproxy.cfg -D -p "$HA_DIR/haproxy.pid"
  fi
  # In service once HAProxy's health checks passed for both (each answer names its instance).
  wait_until 30 "both instances behind HAProxy on $URL" both_in
  log "Wharf behind HAProxy: $URL (admin ${WHARF_ADMIN_EMAIL:-admin@wharf.local}, password in $HA_DIR/admin-password)"
  echo "$URL"
}

stop_group() {
  local pidfile=$1 pid
  [[ -s $pidfile ]] || return 0
  pid=$(<"$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping ${pidfile##*/} (process group $pid)"
    # SIGTERM: the instance leaves HAProxy, ends what it serves and hands its leases over (lib/graceful-stop.ts: 3 s
    # of drain, then up to 10 s for requests in flight); killed if it is still there after 20 s.
    kill -TERM -- "-$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

down() {
  stop_pidfile "$HA_DIR/haproxy.pid" haproxy 10
  stop_group "$HA_DIR/wharf-1.pid"
  stop_group "$HA_DIR/wharf-2.pid"
  bash scripts/services/postgres.sh stop
}

# A rolling restart (a new build, a changed setting): one instance at a time leaves HAProxy (SIGTERM), starts again
# and is back in service before the next one goes, so no request fails (docs/database.md, "Rolling restart").
restart() {
  for n in 1 2; do
    local port_var=WHARF_HA_PORT_$n
    stop_group "$HA_DIR/wharf-$n.pid"
    start_instance "$n" "${!port_var}"
    wait_until 30 "both instances behind HAProxy on $URL" both_in
  done
  log "restarted both instances behind $URL"
}

status() {
  for n in 1 2; do
    if pid_alive "$HA_DIR/wharf-$n.pid"; then echo "wharf-$n: running (pid $(<"$HA_DIR/wharf-$n.pid"))"; else echo "wharf-$n: stopped"; fi
  done
  if pid_alive "$HA_DIR/haproxy.pid" haproxy; then echo "haproxy: $URL"; else echo "haproxy: stopped"; fi
  bash scripts/services/postgres.sh status || true
}

case "${1:-}" in
  up | down | restart | status) "$1" ;;
  *) echo "usage: $0 up|down|restart|status" >&2; exit 2 ;;
esac
