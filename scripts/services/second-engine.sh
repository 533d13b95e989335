#!/usr/bin/env bash
# A second Docker engine ("host 2") on unix:///run/docker-h2.sock, with its own
# data-root, exec-root, pidfile and network namespace (wharf-h2), so it cannot
# disturb the main engine's networking (see lib.sh).
#   second-engine.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

H2_HOST=unix:///run/docker-h2.sock
NETNS=wharf-h2
PIDFILE=$STATE_DIR/docker-h2.pid   # written by dockerd itself (--pidfile)
LOGFILE=/var/log/wharf-docker-h2.log

start() {
  ensure_cmd dockerd docker.io
  if engine_up -H "$H2_HOST"; then
    log "second engine already running on $H2_HOST"
    return 0
  fi
  ensure_netns "$NETNS"
  log "starting second engine on $H2_HOST in netns $NETNS (log: $LOGFILE)"
  # nsenter, not `ip netns exec`: the latter remounts /sys and hides the cgroups.
  setsid nsenter --net="/run/netns/$NETNS" dockerd -H "$H2_HOST" \
    --data-root /var/lib/docker-h2 --exec-root /run/docker-h2 --pidfile "$PIDFILE" \
    --bridge none --iptables=false --ip-masq=false \
    >>"$LOGFILE" 2>&1 </dev/null &
  wait_until 60 "second engine (see $LOGFILE)" engine_up -H "$H2_HOST"
  log "second engine ready (pid $(<"$PIDFILE"))"
}

stop() {
  stop_pidfile "$PIDFILE" dockerd 60
  delete_netns "$NETNS"
}

status() {
  if engine_up -H "$H2_HOST"; then echo "running on $H2_HOST"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
