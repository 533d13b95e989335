#!/usr/bin/env bash
# Everything the integration and e2e suites need, in order:
#   main dockerd, offline images, second engine (+ its images), TLS engine,
#   registry, single-node swarm, the Caddy edge proxy (admin on 127.0.0.1:${WHARF_TEST_CADDY_ADMIN_PORT:-2019}),
#   PostgreSQL (the integration pass on PostgreSQL).
#   all.sh up     start what is not running yet; remember what we started
#   all.sh down   stop only what `up` started, in reverse order
set -euo pipefail
DIR=$(dirname "$0")
source "$DIR/lib.sh"

# One component name per line, in start order. A caller may give its own ledger (scripts/test.sh does), so two
# checkouts sharing this machine never stop each other's services.
STARTED=${WHARF_SERVICES_LEDGER:-$STATE_DIR/all.started}
H2_HOST=unix:///run/docker-h2.sock

# Each component: a status probe and how to start and stop it.
COMPONENTS=(dockerd second-engine tls-engine registry swarm caddy postgres)
probe() {
  case "$1" in
    swarm) "$DIR/swarm.sh" status ;;
    *) "$DIR/$1.sh" status ;;
  esac >/dev/null 2>&1
}
start_one() { if [[ $1 == swarm ]]; then "$DIR/swarm.sh" init; else "$DIR/$1.sh" start; fi; }
stop_one() { if [[ $1 == swarm ]]; then "$DIR/swarm.sh" leave; else "$DIR/$1.sh" stop; fi; }

up() {
  local c
  for c in "${COMPONENTS[@]}"; do
    if grep -qx "$c" "$STARTED" 2>/dev/null && probe "$c"; then
      log "$c: already running (started by all.sh)"
    elif probe "$c"; then
      log "$c: already running, not ours; down will leave it alone"
    else
      start_one "$c"
      grep -qx "$c" "$STARTED" 2>/dev/null || echo "$c" >>"$STARTED"
    fi
    # Images right after the engine they go into.
    case "$c" in
      dockerd) "$DIR/images.sh" ;;
      second-engine) "$DIR/images.sh" --host "$H2_HOST" ;;
    esac
  done
  log "all services up (started by us: $(tr '\n' ' ' <"$STARTED" 2>/dev/null))"
}

down() {
  local c
  [[ -s $STARTED ]] || { log "nothing was started by all.sh up"; return 0; }
  # Reverse start order.
  for c in $(tac "$STARTED"); do stop_one "$c"; done
  rm -f "$STARTED"
}

case "${1:-}" in
  up | down) "$1" ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
