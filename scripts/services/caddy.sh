#!/usr/bin/env bash
# Debian's Caddy (2.6) as Wharf's edge proxy (docs/edge.md). Wharf programs it only through its admin API.
#   caddy.sh start|stop|status
# Admin API on 127.0.0.1:$WHARF_TEST_CADDY_ADMIN_PORT (default 2019), loopback only, so no container can reach it.
# The HTTP/HTTPS ports Wharf will make Caddy listen on come from $WHARF_TEST_CADDY_HTTP_PORT /
# $WHARF_TEST_CADDY_HTTPS_PORT (default 80/443; when a default one is taken, a free port is picked instead).
# `start` writes $STATE_DIR/caddy-<admin port>.env (WHARF_EDGE_ADMIN_URL, WHARF_EDGE_HTTP_PORT,
# WHARF_EDGE_HTTPS_PORT, WHARF_EDGE_ROOT_CA, WHARF_EDGE_ACCESS_LOG) for Wharf and the tests to source. Caddy's data (its internal
# CA) lives in $WHARF_CADDY_DATA_DIR (default $STATE_DIR/caddy-<admin port>). `stop` stops only the Caddy
# this script started on that admin port (its pid is recorded).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ADMIN_PORT=${WHARF_TEST_CADDY_ADMIN_PORT:-2019}
ADMIN=127.0.0.1:$ADMIN_PORT
PIDFILE=$STATE_DIR/caddy-$ADMIN_PORT.pid
ENVFILE=$STATE_DIR/caddy-$ADMIN_PORT.env
DATA=${WHARF_CADDY_DATA_DIR:-$STATE_DIR/caddy-$ADMIN_PORT}
LOGFILE=/var/log/wharf-caddy-$ADMIN_PORT.log

answers() { curl -fsS -o /dev/null "http://$ADMIN/config/" 2>/dev/null; }
port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }
# free_port PREFERRED: PREFERRED when nothing listens there, else the first free port from 18000 up.
free_port() {
  local p=$1
  port_free "$p" && { echo "$p"; return; }
  for ((p = 18000; p < 19000; p++)); do port_free "$p" && { echo "$p"; return; }; done
  die "no free port for caddy"
}
pick() { if [[ -n $2 ]]; then echo "$2"; else free_port "$1"; fi; }

install_caddy() {
  command -v caddy >/dev/null && return 0
  ensure_cmd caddy caddy
  # The package starts its own service (Caddyfile on :80, admin on :2019); we just installed it, so stop it.
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet caddy; then
    log "disabling the packaged caddy service (it would hold ports 80 and 2019)"
    systemctl disable --now caddy
  fi
}

start() {
  ensure_cmd curl curl
  ensure_cmd ss iproute2
  install_caddy
  if answers; then
    pid_alive "$PIDFILE" caddy || die "something not started by $0 answers on $ADMIN; free the port first"
    log "caddy already running (admin $ADMIN)"
    return 0
  fi
  port_free "$ADMIN_PORT" || die "admin port $ADMIN_PORT is taken"
  local http https
  http=$(pick 80 "${WHARF_TEST_CADDY_HTTP_PORT:-}")
  https=$(pick 443 "${WHARF_TEST_CADDY_HTTPS_PORT:-}")
  [[ $http != "$https" ]] || https=$(free_port $((http + 1)))
  mkdir -p "$DATA/data" "$DATA/config"
  # Boot with the admin API only; Wharf loads the routes (and the listeners) through it.
  printf '{"admin":{"listen":"%s"}}\n' "$ADMIN" >"$DATA/boot.json"
  log "starting caddy, admin $ADMIN, http :$http, https :$https (log: $LOGFILE)"
  XDG_DATA_HOME=$DATA/data XDG_CONFIG_HOME=$DATA/config HOME=$DATA \
    setsid caddy run --config "$DATA/boot.json" >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_until 30 "caddy admin on $ADMIN (see $LOGFILE)" answers
  # The access log Wharf tells Caddy to write and reads back for the traffic figures (docs/edge.md).
  printf 'WHARF_EDGE_ADMIN_URL=http://%s\nWHARF_EDGE_HTTP_PORT=%s\nWHARF_EDGE_HTTPS_PORT=%s\nWHARF_EDGE_ROOT_CA=%s\nWHARF_EDGE_ACCESS_LOG=%s\n' \
    "$ADMIN" "$http" "$https" "$DATA/data/caddy/pki/authorities/local/root.crt" "$DATA/access.log" >"$ENVFILE"
  log "caddy ready (pid $(<"$PIDFILE")); settings in $ENVFILE"
}

stop() {
  stop_pidfile "$PIDFILE" caddy 15
  rm -f "$ENVFILE"
}

status() {
  if answers; then echo "running, admin $ADMIN"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
