#!/usr/bin/env bash
# Debian's Prometheus (2.42) scraping Wharf's GET /metrics, for the metrics integration test.
#   prometheus.sh start|stop|status
# Listens on 127.0.0.1:$WHARF_TEST_PROMETHEUS_PORT (default 19090). `start` scrapes Wharf at
# $WHARF_TEST_PROMETHEUS_TARGET (host:port) every second with the bearer token in the file
# $WHARF_TEST_PROMETHEUS_TOKEN_FILE. `stop` stops only the Prometheus this script started on
# that port (its pid is recorded) and removes its data.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT=${WHARF_TEST_PROMETHEUS_PORT:-19090}
ADDR=127.0.0.1:$PORT
PIDFILE=$STATE_DIR/prometheus-$PORT.pid
DIR=$STATE_DIR/prometheus-$PORT
LOGFILE=/var/log/wharf-prometheus-$PORT.log

ready() { curl -fsS "http://$ADDR/-/ready"; }

start() {
  ensure_cmd curl curl
  ensure_cmd prometheus prometheus
  local target=${WHARF_TEST_PROMETHEUS_TARGET:?set WHARF_TEST_PROMETHEUS_TARGET to Wharf\'s host:port}
  local token_file=${WHARF_TEST_PROMETHEUS_TOKEN_FILE:?set WHARF_TEST_PROMETHEUS_TOKEN_FILE to a file holding the token}
  pid_alive "$PIDFILE" prometheus && die "our Prometheus already runs on $ADDR; run '$0 stop' first"
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://$ADDR/" || true) == 000 ]] || die "port $PORT is taken"
  rm -rf "$DIR"
  mkdir -p "$DIR/data"
  cat >"$DIR/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: wharf
    metrics_path: /metrics
    authorization:
      type: Bearer
      credentials_file: $token_file
    static_configs:
      - targets: ["$target"]
YML
  log "starting prometheus on $ADDR scraping $target (log: $LOGFILE)"
  setsid prometheus --config.file="$DIR/prometheus.yml" --storage.tsdb.path="$DIR/data" \
    --web.listen-address="$ADDR" >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_until 30 "prometheus on $ADDR (see $LOGFILE)" ready
  log "prometheus ready (pid $(<"$PIDFILE"))"
}

stop() {
  stop_pidfile "$PIDFILE" prometheus 15
  rm -rf "$DIR"
}

status() {
  if ready >/dev/null 2>&1; then echo "running on $ADDR"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
