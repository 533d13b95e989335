# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh — sourced, never executed directly.
# Everything a script starts is recorded under $STATE_DIR so `stop` only ever
# touches processes that we started ourselves.

STATE_DIR=${WHARF_TEST_STATE_DIR:-/run/wharf-test}
# shellcheck disable=SC2034  # used by the scripts that source this file
MAIN_HOST=unix:///var/run/docker.sock
mkdir -p "$STATE_DIR"

log() { printf '[%s] %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ensure_cmd CMD PKG...: apt-get install PKG... only when CMD is missing.
ensure_cmd() {
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $* (no $cmd on PATH)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y --no-install-recommends "$@" >/dev/null
}

# ensure_static_busybox: image builds need Debian's *static* busybox at /bin/busybox.
ensure_static_busybox() {
  dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' && return 0
  log "installing busybox-static"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y --no-install-recommends busybox-static >/dev/null
}

# wait_until SECONDS WHAT CMD...: run CMD every 0.5 s until it succeeds.
wait_until() {
  local timeout=$1 what=$2; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "timed out after ${timeout}s waiting for $what"
    sleep 0.5
  done
}

# pid_alive FILE [COMM]: FILE holds the pid of a live process (named COMM, if given).
pid_alive() {
  local file=$1 comm=${2:-} pid
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -z $comm || $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm" ]]
}

# stop_pidfile FILE COMM [TIMEOUT]: SIGTERM the recorded pid (only if it is still
# a COMM process, so a recycled pid is never hit), SIGKILL after TIMEOUT s, drop FILE.
stop_pidfile() {
  local file=$1 comm=$2 timeout=${3:-30} pid deadline
  [[ -s $file ]] || return 0
  pid=$(<"$file")
  if pid_alive "$file" "$comm"; then
    log "stopping $comm (pid $pid)"
    kill -TERM "$pid"
    deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
      if ((SECONDS >= deadline)); then kill -KILL "$pid"; break; fi
      sleep 0.2
    done
  fi
  rm -f "$file"
}

# engine_up DOCKER-ARGS...: the engine reached with e.g. `-H unix:///x.sock` answers.
engine_up() { docker "$@" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# Extra engines run in network namespaces of their own: in the host's namespace a
# dockerd started with `--bridge none` deletes the main engine's docker0
# (moby's removeDefaultBridgeInterface), and without it both would share docker0.

# ensure_netns NAME: create network namespace NAME with loopback up, if missing.
ensure_netns() {
  ensure_cmd ip iproute2
  [[ -e /run/netns/$1 ]] && return 0
  ip netns add "$1"
  ip -n "$1" link set lo up
}

# delete_netns NAME: remove network namespace NAME if it exists.
delete_netns() {
  if [[ -e /run/netns/$1 ]]; then ip netns delete "$1"; fi
}
