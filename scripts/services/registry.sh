#!/usr/bin/env bash
# A real registry (Debian's docker-registry, distribution 2.8) with htpasswd auth.
#   registry.sh start|stop|status
# Listens on $WHARF_TEST_REGISTRY_ADDR (default 127.0.0.1:5050); the engine trusts
# 127.0.0.0/8 without TLS. User `wharf`; the password comes from
# $WHARF_TEST_REGISTRY_PASSWORD, else from an earlier run, else is generated.
# Credentials are written to $STATE_DIR/registry.env (REGISTRY_USER=, REGISTRY_PASSWORD=).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# 5050, not 5000: the voting app publishes 5000 and tests deploy it while the registry runs.
ADDR=${WHARF_TEST_REGISTRY_ADDR:-127.0.0.1:5050}
USER_NAME=wharf
PIDFILE=$STATE_DIR/registry.pid
ENVFILE=$STATE_DIR/registry.env
CONFIG=$STATE_DIR/registry.yml
HTPASSWD=$STATE_DIR/registry.htpasswd
DATA=$STATE_DIR/registry-data
LOGFILE=/var/log/wharf-registry.log

# HTTP status of GET /v2/ with optional curl args (000 when nothing answers).
v2_status() { curl -s -o /dev/null -w '%{http_code}' "$@" "http://$ADDR/v2/" || true; }
answers_401() { [[ $(v2_status) == 401 ]]; }

install_registry() {
  command -v docker-registry >/dev/null && command -v htpasswd >/dev/null && return 0
  ensure_cmd docker-registry docker-registry
  ensure_cmd htpasswd apache2-utils
  # The package may start its own service on :5000; we just installed it, so stop it.
  if [[ -d /run/systemd/system ]] && systemctl is-active --quiet docker-registry; then
    log "disabling the packaged docker-registry service (it would hold port 5000)"
    systemctl disable --now docker-registry
  fi
}

write_config() {
  local password=${WHARF_TEST_REGISTRY_PASSWORD:-}
  if [[ -z $password && -s $ENVFILE ]]; then
    password=$(sed -n 's/^REGISTRY_PASSWORD=//p' "$ENVFILE")
  fi
  if [[ -z $password ]]; then
    password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  fi
  (
    umask 077
    mkdir -p "$DATA"
    printf '%s' "$password" | htpasswd -iBn "$USER_NAME" >"$HTPASSWD" 2>/dev/null
    printf 'REGISTRY_USER=%s\nREGISTRY_PASSWORD=%s\nREGISTRY_ADDR=%s\n' "$USER_NAME" "$password" "$ADDR" >"$ENVFILE"
    cat >"$CONFIG" <<YML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $DATA
  delete:
    enabled: true
http:
  addr: $ADDR
  secret: $(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
auth:
  htpasswd:
    realm: wharf-test-registry
    path: $HTPASSWD
YML
  )
}

start() {
  ensure_cmd curl curl
  install_registry
  if answers_401; then
    # Already up: make sure it accepts the credentials we are about to hand out.
    local password
    password=${WHARF_TEST_REGISTRY_PASSWORD:-$(sed -n 's/^REGISTRY_PASSWORD=//p' "$ENVFILE" 2>/dev/null)}
    [[ $(v2_status -u "$USER_NAME:$password") == 200 ]] ||
      die "a registry on $ADDR rejects our credentials; run '$0 stop' (or free the port) first"
    log "registry already running on $ADDR"
    return 0
  fi
  [[ $(v2_status) == 000 ]] || die "port of $ADDR is taken by something that is not our registry"
  write_config
  log "starting registry on $ADDR (log: $LOGFILE)"
  setsid docker-registry serve "$CONFIG" >>"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  wait_until 30 "registry on $ADDR (see $LOGFILE)" answers_401
  log "registry ready (pid $(<"$PIDFILE")); credentials in $ENVFILE"
}

stop() { stop_pidfile "$PIDFILE" docker-registry 15; }

status() {
  if answers_401; then echo "running on $ADDR"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
