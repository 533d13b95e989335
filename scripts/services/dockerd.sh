#!/usr/bin/env bash
# Main Docker engine for the test suite (unix:///var/run/docker.sock).
#   dockerd.sh start   install docker.io + busybox-static if missing, start dockerd
#                      unless one already answers, wait until it is ready (≤ 60 s)
#   dockerd.sh stop    stop dockerd only if this script started it (recorded pid)
#   dockerd.sh status  exit 0 when the engine answers, 3 when it does not
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PIDFILE=$STATE_DIR/dockerd.pid
LOGFILE=/var/log/wharf-dockerd.log

start() {
  ensure_cmd dockerd docker.io
  ensure_static_busybox
  if engine_up -H "$MAIN_HOST"; then
    log "engine already running"
    return 0
  fi
  log "starting dockerd (log: $LOGFILE)"
  # setsid: own session, so the daemon outlives this shell and its terminal. Address pools as docs/fleet.md advises
  # for a Wharf host: Docker's defaults hold about 30 bridge networks, and two test files at a time, each with its
  # tenants' app, edge and build networks, can use them up (a build then fails at its network).
  setsid dockerd --default-address-pool base=172.16.0.0/12,size=24 >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_until 60 "dockerd (see $LOGFILE)" engine_up -H "$MAIN_HOST"
  # dockerd writes its own pidfile; prefer it in case setsid had to fork.
  [[ -s /var/run/docker.pid ]] && cp /var/run/docker.pid "$PIDFILE"
  log "engine ready (pid $(<"$PIDFILE"))"
}

stop() {
  if [[ -s $PIDFILE ]]; then
    stop_pidfile "$PIDFILE" dockerd 60
  else
    log "dockerd was not started by us; leaving it alone"
  fi
}

status() {
  if engine_up -H "$MAIN_HOST"; then
    if pid_alive "$PIDFILE" dockerd; then echo "running (started by wharf, pid $(<"$PIDFILE"))"
    else echo "running (not started by wharf)"; fi
  else
    echo "not running"; return 3
  fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
