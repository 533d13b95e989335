#!/usr/bin/env bash
# Single-node Swarm on the main engine.
#   swarm.sh init    `docker swarm init --advertise-addr 127.0.0.1` unless already active
#   swarm.sh leave   leave the swarm, only if `init` created it (marker file)
#   swarm.sh status  print the node's swarm state; exit 3 unless active
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MARKER=$STATE_DIR/swarm.initialized-by-wharf
state() { docker -H "$MAIN_HOST" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unreachable; }

init() {
  local s
  s=$(state)
  case "$s" in
    active) log "swarm already active"; return 0 ;;
    inactive) ;;
    *) die "cannot init swarm: node state is '$s'" ;;
  esac
  # swarm init also creates docker_gwbridge, which `swarm leave` keeps: note
  # whether it is ours to remove.
  local gw=existing
  docker -H "$MAIN_HOST" network inspect docker_gwbridge >/dev/null 2>&1 || gw=created
  log "initialising single-node swarm"
  docker -H "$MAIN_HOST" swarm init --advertise-addr 127.0.0.1 >/dev/null
  echo "gwbridge=$gw" >"$MARKER"
}

leave() {
  if [[ ! -e $MARKER ]]; then
    log "swarm was not initialised by us; leaving it alone"
    return 0
  fi
  [[ $(state) == inactive ]] || docker -H "$MAIN_HOST" swarm leave --force >/dev/null
  if grep -q '^gwbridge=created' "$MARKER"; then
    docker -H "$MAIN_HOST" network rm docker_gwbridge >/dev/null 2>&1 ||
      log "could not remove docker_gwbridge (still in use?)"
  fi
  rm -f "$MARKER"
  log "left swarm"
}

status() {
  local s
  s=$(state)
  echo "$s"
  [[ $s == active ]] || return 3
}

case "${1:-}" in
  init | leave | status) "$1" ;;
  *) echo "usage: $0 init|leave|status" >&2; exit 2 ;;
esac
