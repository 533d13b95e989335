#!/usr/bin/env bash
# A two-node Swarm on this one machine, all inside network namespaces we create:
#   wharf-swbr  holds bridge br0 (10.77.0.0/24 exists only between our namespaces)
#   wharf-sw1   manager: dockerd on unix:///run/wharf-sw1.sock, eth0 10.77.0.11
#   wharf-sw2   worker:  dockerd on unix:///run/wharf-sw2.sock, eth0 10.77.0.12
# Each node has its own data-root (/var/lib/wharf-swN) and exec-root (/run/wharf-swN);
# the offline images are loaded into both. The host's own interfaces and iptables
# rules are not touched. Node sockets go to $STATE_DIR/swarm-multi.env.
#   swarm-multi.sh up|down|status
set -euo pipefail
DIR=$(dirname "$0")
source "$DIR/lib.sh"

BRNS=wharf-swbr
NODES=(wharf-sw1 wharf-sw2)
declare -A IP=([wharf-sw1]=10.77.0.11 [wharf-sw2]=10.77.0.12)
sock() { echo "unix:///run/$1.sock"; }
d() { local node=$1; shift; docker -H "$(sock "$node")" "$@"; }
MANAGER=${NODES[0]}

# Bridge namespace plus, per node, a namespace joined to the bridge by a veth pair.
make_network() {
  ensure_netns "$BRNS"
  ip -n "$BRNS" link show br0 >/dev/null 2>&1 || {
    ip -n "$BRNS" link add br0 type bridge
    ip -n "$BRNS" link set br0 up
  }
  local node
  for node in "${NODES[@]}"; do
    ensure_netns "$node"
    ip -n "$BRNS" link show "$node" >/dev/null 2>&1 && continue
    # Both ends are created directly inside our namespaces.
    ip -n "$BRNS" link add "$node" type veth peer name eth0 netns "$node"
    ip -n "$BRNS" link set "$node" master br0 up
    ip -n "$node" addr add "${IP[$node]}/24" dev eth0
    ip -n "$node" link set eth0 up
  done
}

start_engine() {
  local node=$1
  engine_up -H "$(sock "$node")" && return 0
  log "starting dockerd for $node (log: /var/log/$node.log)"
  # nsenter, not `ip netns exec` (which remounts /sys and hides the cgroups).
  # Bridge and iptables stay on: they act inside the node's own namespace.
  # unshare --uts + hostname: each node reports its own name in `docker node ls`.
  # shellcheck disable=SC2016  # $0 and $@ belong to the inner sh
  setsid nsenter --net="/run/netns/$node" unshare --uts -- \
    sh -c 'hostname "$0" && exec "$@"' "$node" dockerd -H "$(sock "$node")" \
    --data-root "/var/lib/$node" --exec-root "/run/$node" --pidfile "$STATE_DIR/$node.pid" \
    >>"/var/log/$node.log" 2>&1 </dev/null &
}

node_state() { d "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unreachable; }
ready_nodes() { d "$MANAGER" node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }

up() {
  ensure_cmd dockerd docker.io
  make_network
  local node token
  for node in "${NODES[@]}"; do start_engine "$node"; done
  for node in "${NODES[@]}"; do wait_until 60 "dockerd of $node" engine_up -H "$(sock "$node")"; done

  if [[ $(d "$MANAGER" info --format '{{.Swarm.ControlAvailable}}') != true ]]; then
    [[ $(node_state "$MANAGER") == inactive ]] || d "$MANAGER" swarm leave --force >/dev/null
    log "initialising swarm on $MANAGER"
    d "$MANAGER" swarm init --advertise-addr "${IP[$MANAGER]}" --listen-addr "${IP[$MANAGER]}:2377" >/dev/null
  fi
  token=$(d "$MANAGER" swarm join-token -q worker)
  for node in "${NODES[@]:1}"; do
    [[ $(node_state "$node") == active ]] && continue
    [[ $(node_state "$node") == inactive ]] || d "$node" swarm leave --force >/dev/null
    log "joining $node"
    d "$node" swarm join --token "$token" --advertise-addr "${IP[$node]}" "${IP[$MANAGER]}:2377" >/dev/null
  done
  # Old entries of re-joined workers linger as Down; drop them.
  d "$MANAGER" node ls --format '{{.ID}} {{.Status}}' | awk '$2 == "Down" {print $1}' |
    while read -r id; do d "$MANAGER" node rm --force "$id" >/dev/null; done
  wait_until 60 "${#NODES[@]} Ready nodes" test "$(ready_nodes)" -eq "${#NODES[@]}"

  for node in "${NODES[@]}"; do "$DIR/images.sh" --host "$(sock "$node")"; done
  printf 'SWARM_MANAGER_HOST=%s\nSWARM_WORKER_HOST=%s\n' "$(sock "$MANAGER")" "$(sock "${NODES[1]}")" \
    >"$STATE_DIR/swarm-multi.env"
  log "two-node swarm up; manager $(sock "$MANAGER")"
}

down() {
  local node
  for node in "${NODES[@]}"; do
    # The engines are ours alone: leave the swarm and drop volumes left by stacks.
    if engine_up -H "$(sock "$node")"; then
      d "$node" swarm leave --force >/dev/null 2>&1 || true
      d "$node" volume prune -f >/dev/null
    fi
    stop_pidfile "$STATE_DIR/$node.pid" dockerd 60
    delete_netns "$node"
  done
  delete_netns "$BRNS"
  rm -f "$STATE_DIR/swarm-multi.env"
}

status() {
  local n
  n=$(ready_nodes)
  echo "$n of ${#NODES[@]} nodes ready"
  [[ $n -eq ${#NODES[@]} ]] || return 3
}

case "${1:-}" in
  up | down | status) "$1" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
