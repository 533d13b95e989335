#!/usr/bin/env bash
# A three-node Swarm on this one machine, all inside network namespaces we create:
#   wharf-swbr  holds bridge br0 (10.77.0.0/24 exists only between our namespaces and the host end below)
#   wharf-sw1   manager: dockerd on unix:///run/wharf-sw1.sock, eth0 10.77.0.11
#   wharf-sw2   worker:  dockerd on unix:///run/wharf-sw2.sock, eth0 10.77.0.12
#   wharf-sw3   worker:  dockerd on unix:///run/wharf-sw3.sock, eth0 10.77.0.13
#   wharf-swh   a veth in the host namespace, 10.77.0.1, plugged into br0: the host (Wharf, tests, the
#               registry) reaches the nodes' host-mode ports and the nodes reach the registry, without a
#               FORWARD rule in the host (the bridge lives in its own namespace, whose FORWARD is ACCEPT).
#   registry    Debian's docker-registry on 10.77.0.1:5000, htpasswd auth, over TLS with a certificate from a
#               CA made here ($STATE_DIR/swarm-registry/ca.crt). The engines trust it through
#               /etc/docker/certs.d/10.77.0.1:5000/ca.crt (a path that covers that address only, removed by
#               `down`); Wharf trusts it through NODE_EXTRA_CA_CERTS (SWARM_REGISTRY_CA in the env file).
# Each node has its own data-root (/var/lib/wharf-swN) and exec-root (/run/wharf-swN); the offline
# images are loaded into each. The main engine (and its single-node Swarm) is not touched; the host
# gets one veth and one /24 route, both removed by `down`. Node sockets and registry credentials go to
# $STATE_DIR/swarm-multi.env.
#   swarm-multi.sh up|start        bring up what is missing (also restarts a node engine that died)
#   swarm-multi.sh down|stop       stop only what `up` started (pids it recorded), delete the namespaces
#   swarm-multi.sh status          exit 3 unless all nodes are Ready
#   swarm-multi.sh kill-node NODE  SIGKILL one node's dockerd (the recorded pid): a node failure for tests
set -euo pipefail
DIR=$(dirname "$0")
source "$DIR/lib.sh"

BRNS=wharf-swbr
HOSTIF=wharf-swh
HOSTIP=10.77.0.1
NODES=(wharf-sw1 wharf-sw2 wharf-sw3)
declare -A IP=([wharf-sw1]=10.77.0.11 [wharf-sw2]=10.77.0.12 [wharf-sw3]=10.77.0.13)
REGISTRY=$HOSTIP:5000
REG_USER=wharf
REG_PIDFILE=$STATE_DIR/swarm-registry.pid
REG_DIR=$STATE_DIR/swarm-registry
ENVFILE=$STATE_DIR/swarm-multi.env
sock() { echo "unix:///run/$1.sock"; }
d() { local node=$1; shift; docker -H "$(sock "$node")" "$@"; }
MANAGER=${NODES[0]}

# Bridge namespace plus, per node, a namespace joined to the bridge by a veth pair; plus the host end.
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
  if ! ip link show "$HOSTIF" >/dev/null 2>&1; then
    ip -n "$BRNS" link add host type veth peer name "$HOSTIF" netns 1
    ip -n "$BRNS" link set host master br0 up
    ip addr add "$HOSTIP/24" dev "$HOSTIF"
    ip link set "$HOSTIF" up
  fi
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

CERTS_D=/etc/docker/certs.d/$REGISTRY
reg_status() {
  curl -s -o /dev/null -w '%{http_code}' --cacert "$REG_DIR/ca.crt" "https://$REGISTRY/v2/" 2>/dev/null || true
}
reg_ready() { [[ $(reg_status) == 401 ]]; }

start_registry() {
  reg_ready && pid_alive "$REG_PIDFILE" docker-registry && return 0
  ensure_cmd docker-registry docker-registry
  ensure_cmd htpasswd apache2-utils
  ensure_cmd openssl openssl
  local password
  password=$(sed -n 's/^SWARM_REGISTRY_PASSWORD=//p' "$ENVFILE" 2>/dev/null || true)
  [[ -n $password ]] || password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
  (
    umask 077
    mkdir -p "$REG_DIR/data"
    printf '%s' "$password" | htpasswd -iBn "$REG_USER" >"$REG_DIR/htpasswd" 2>/dev/null
    # A CA of our own and a certificate for the registry's address (IP SAN: engines check it).
    [[ -s $REG_DIR/ca.crt ]] || openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=wharf swarm test CA" \
      -keyout "$REG_DIR/ca.key" -out "$REG_DIR/ca.crt" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=$HOSTIP" -keyout "$REG_DIR/tls.key" -out "$REG_DIR/tls.csr" \
      2>/dev/null
    printf 'subjectAltName=IP:%s\n' "$HOSTIP" >"$REG_DIR/san.ext"
    openssl x509 -req -in "$REG_DIR/tls.csr" -CA "$REG_DIR/ca.crt" -CAkey "$REG_DIR/ca.key" -CAcreateserial \
      -days 30 -extfile "$REG_DIR/san.ext" -out "$REG_DIR/tls.crt" 2>/dev/null
    chmod 644 "$REG_DIR/ca.crt"
    printf '%s\n' "version: 0.1" "log: {level: warn, accesslog: {disabled: true}}" \
      "storage: {filesystem: {rootdirectory: $REG_DIR/data}, delete: {enabled: true}}" \
      "http: {addr: '$REGISTRY', secret: $(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n'), tls: {certificate: $REG_DIR/tls.crt, key: $REG_DIR/tls.key}}" \
      "auth: {htpasswd: {realm: wharf-swarm-registry, path: $REG_DIR/htpasswd}}" >"$REG_DIR/config.yml"
    echo "$password" >"$REG_DIR/password"
  )
  mkdir -p "$CERTS_D"
  cp "$REG_DIR/ca.crt" "$CERTS_D/ca.crt"
  log "starting registry on $REGISTRY (log: /var/log/wharf-swarm-registry.log)"
  setsid docker-registry serve "$REG_DIR/config.yml" >>/var/log/wharf-swarm-registry.log 2>&1 </dev/null &
  echo $! >"$REG_PIDFILE"
  wait_until 30 "registry on $REGISTRY" reg_ready
}

node_state() { d "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unreachable; }
ready_nodes() { d "$MANAGER" node ls --format '{{.Status}}' 2>/dev/null | grep -c '^Ready$' || true; }
all_ready() { [[ $(ready_nodes) -eq ${#NODES[@]} ]]; }

write_env() {
  {
    printf 'SWARM_MANAGER_HOST=%s\n' "$(sock "$MANAGER")"
    printf 'SWARM_WORKER_HOST=%s\n' "$(sock "${NODES[1]}")"
    (IFS=,; printf "SWARM_NODES=%s\n" "${NODES[*]}")
    local node
    for node in "${NODES[@]}"; do printf 'SWARM_ADDR_%s=%s\n' "${node//-/_}" "${IP[$node]}"; done
    printf 'SWARM_REGISTRY=%s\nSWARM_REGISTRY_USER=%s\nSWARM_REGISTRY_PASSWORD=%s\nSWARM_REGISTRY_CA=%s\n' \
      "$REGISTRY" "$REG_USER" "$(<"$REG_DIR/password")" "$REG_DIR/ca.crt"
  } >"$ENVFILE.new"
  chmod 600 "$ENVFILE.new"
  mv "$ENVFILE.new" "$ENVFILE"
}

up() {
  ensure_cmd dockerd docker.io
  ensure_cmd curl curl
  make_network
  start_registry
  local node token fresh=()
  for node in "${NODES[@]}"; do
    engine_up -H "$(sock "$node")" || fresh+=("$node")
    start_engine "$node"
  done
  for node in "${NODES[@]}"; do wait_until 90 "dockerd of $node" engine_up -H "$(sock "$node")"; done

  if [[ $(d "$MANAGER" info --format '{{.Swarm.ControlAvailable}}') != true ]]; then
    [[ $(node_state "$MANAGER") == inactive ]] || d "$MANAGER" swarm leave --force >/dev/null
    log "initialising swarm on $MANAGER"
    d "$MANAGER" swarm init --advertise-addr "${IP[$MANAGER]}" --listen-addr "${IP[$MANAGER]}:2377" >/dev/null
  fi
  token=$(d "$MANAGER" swarm join-token -q worker)
  for node in "${NODES[@]:1}"; do
    # A restarted worker (pending) rejoins by itself.
    [[ $(node_state "$node") =~ ^(active|pending)$ ]] && continue
    [[ $(node_state "$node") == inactive ]] || d "$node" swarm leave --force >/dev/null
    log "joining $node"
    d "$node" swarm join --token "$token" --advertise-addr "${IP[$node]}" "${IP[$MANAGER]}:2377" >/dev/null
  done
  # Old entries of re-joined workers linger as Down next to the new one of the same name; drop them.
  d "$MANAGER" node ls --format '{{.ID}} {{.Hostname}} {{.Status}}' | awk '$3 == "Down" {print $1, $2}' |
    while read -r id name; do
      if [[ $(d "$MANAGER" node ls --format '{{.Hostname}}' | grep -cx "$name") -gt 1 ]]; then
        d "$MANAGER" node rm --force "$id" >/dev/null
      fi
    done
  wait_until 90 "${#NODES[@]} Ready nodes" all_ready

  for node in "${fresh[@]}"; do "$DIR/images.sh" --host "$(sock "$node")"; done
  write_env
  log "three-node swarm up; manager $(sock "$MANAGER"), registry $REGISTRY"
}

# containerd started by a node's dockerd outlives a SIGKILLed dockerd: stop it by its own pid file.
stop_containerd() { stop_pidfile "/run/$1/containerd/containerd.pid" containerd 30; }

# Mounts a node's dockerd leaves when it was SIGKILLed (kill-node): a dockerd restarted over them no longer
# unmounts its data-root's bind mount on exit, and sandbox namespaces stay mounted. Only our own paths.
unmount_leftovers() {
  local m
  for m in /run/$1/netns/* "/var/lib/$1"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m" 2>/dev/null || umount -l "$m"; fi
  done
}

down() {
  local node
  for node in "${NODES[@]}"; do
    # The engines are ours alone: leave the swarm and drop volumes left by stacks.
    if engine_up -H "$(sock "$node")"; then
      d "$node" swarm leave --force >/dev/null 2>&1 || true
      d "$node" volume prune -f >/dev/null 2>&1 || true
    fi
    stop_pidfile "$STATE_DIR/$node.pid" dockerd 60
    stop_containerd "$node"
    unmount_leftovers "$node"
    delete_netns "$node"
  done
  stop_pidfile "$REG_PIDFILE" docker-registry 15
  rm -rf "$REG_DIR" "$CERTS_D"
  if ip link show "$HOSTIF" >/dev/null 2>&1; then ip link delete "$HOSTIF"; fi
  delete_netns "$BRNS"
  rm -f "$ENVFILE"
}

kill_node() {
  local node=${1:?kill-node needs a node name}
  [[ -n ${IP[$node]:-} ]] || die "unknown node $node (one of: ${NODES[*]})"
  pid_alive "$STATE_DIR/$node.pid" dockerd || die "no dockerd of ours is running for $node"
  log "killing dockerd of $node (pid $(<"$STATE_DIR/$node.pid"))"
  kill -KILL "$(<"$STATE_DIR/$node.pid")"
}

status() {
  local n
  n=$(ready_nodes)
  echo "$n of ${#NODES[@]} nodes ready"
  [[ $n -eq ${#NODES[@]} ]] && reg_ready || return 3
}

case "${1:-}" in
  up | start) up ;;
  down | stop) down ;;
  status) status ;;
  kill-node) kill_node "${2:-}" ;;
  *) echo "usage: $0 up|start|down|stop|status|kill-node NODE" >&2; exit 2 ;;
esac
