#!/usr/bin/env bash
# A Docker engine reachable only over TCP + mutual TLS on 127.0.0.1:2376.
# Certificates (a throw-away CA, a server cert for 127.0.0.1/localhost and a
# client cert) are generated with openssl into $STATE_DIR/tls, named the way the
# docker CLI expects (DOCKER_CERT_PATH): ca.pem, cert.pem, key.pem.
#   tls-engine.sh start|stop|status
# Client settings are written to $STATE_DIR/tls-engine.env.
# The daemon runs in its own network namespace (wharf-tls, see lib.sh); the TCP
# socket is opened on the host's 127.0.0.1 and handed over by socket activation.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

TLS_DIR=$STATE_DIR/tls
TLS_HOST=tcp://127.0.0.1:2376
NETNS=wharf-tls
PIDFILE=$STATE_DIR/docker-tls.pid
LOGFILE=/var/log/wharf-docker-tls.log
CLIENT_ARGS=(-H "$TLS_HOST" --tlsverify --tlscacert "$TLS_DIR/ca.pem"
  --tlscert "$TLS_DIR/cert.pem" --tlskey "$TLS_DIR/key.pem")

# issue NAME SUBJECT EXTENSIONS: EC key + certificate signed by our CA.
issue() {
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$TLS_DIR/$1-key.pem" -subj "$2" -out "$TLS_DIR/$1.csr" 2>/dev/null
  openssl x509 -req -in "$TLS_DIR/$1.csr" -days 30 -sha256 \
    -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca-key.pem" -CAcreateserial \
    -extfile <(printf '%s\n' "$3") -out "$TLS_DIR/$1-cert.pem" 2>/dev/null
  rm -f "$TLS_DIR/$1.csr"
}

make_certs() {
  # Reuse certificates that are still valid for at least a day.
  if [[ -s $TLS_DIR/key.pem ]] && openssl x509 -checkend 86400 -noout -in "$TLS_DIR/cert.pem" >/dev/null 2>&1 &&
    openssl x509 -checkend 86400 -noout -in "$TLS_DIR/server-cert.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "generating CA, server and client certificates in $TLS_DIR"
  mkdir -p "$TLS_DIR" && chmod 700 "$TLS_DIR"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 -sha256 \
    -keyout "$TLS_DIR/ca-key.pem" -subj "/CN=wharf-test-ca" -out "$TLS_DIR/ca.pem" 2>/dev/null
  issue server "/CN=localhost" "subjectAltName=IP:127.0.0.1,DNS:localhost
extendedKeyUsage=serverAuth"
  issue client "/CN=wharf-test-client" "extendedKeyUsage=clientAuth"
  # Client files under the names DOCKER_CERT_PATH expects.
  mv "$TLS_DIR/client-cert.pem" "$TLS_DIR/cert.pem"
  mv "$TLS_DIR/client-key.pem" "$TLS_DIR/key.pem"
}

start() {
  ensure_cmd dockerd docker.io
  ensure_cmd openssl openssl
  ensure_cmd ss iproute2
  make_certs
  printf 'DOCKER_HOST=%s\nDOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=%s\n' "$TLS_HOST" "$TLS_DIR" \
    >"$STATE_DIR/tls-engine.env"
  if engine_up "${CLIENT_ARGS[@]}"; then
    log "TLS engine already running on $TLS_HOST"
    return 0
  fi
  if ss -Hltn 'sport = :2376' | grep -q .; then die "port 2376 is taken by something else"; fi
  ensure_netns "$NETNS"
  log "starting TLS engine on $TLS_HOST in netns $NETNS (log: $LOGFILE)"
  # perl (always on Debian) listens on 127.0.0.1:2376 in the host namespace, puts
  # the socket on fd 3 and execs nsenter -> dockerd with the same pid, which picks
  # it up as `-H fd://` (systemd socket-activation protocol: LISTEN_PID/LISTEN_FDS).
  # shellcheck disable=SC2016  # perl code, not shell
  setsid perl -MIO::Socket::INET -MPOSIX -e '
    $^F = 3;  # keep fds <= 3 open across exec
    my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1:2376", Listen => 128, ReuseAddr => 1)
      or die "listen 127.0.0.1:2376: $!\n";
    POSIX::dup2(fileno($s), 3) or die "dup2: $!\n" if fileno($s) != 3;
    @ENV{qw(LISTEN_PID LISTEN_FDS)} = ($$, 1);
    exec @ARGV or die "exec: $!\n";' \
    nsenter --net="/run/netns/$NETNS" dockerd -H fd:// --tlsverify --tlscacert "$TLS_DIR/ca.pem" \
    --tlscert "$TLS_DIR/server-cert.pem" --tlskey "$TLS_DIR/server-key.pem" \
    --data-root /var/lib/docker-tls --exec-root /run/docker-tls --pidfile "$PIDFILE" \
    --bridge none --iptables=false --ip-masq=false \
    >>"$LOGFILE" 2>&1 </dev/null &
  wait_until 60 "TLS engine (see $LOGFILE)" engine_up "${CLIENT_ARGS[@]}"
  log "TLS engine ready (pid $(<"$PIDFILE")); client env in $STATE_DIR/tls-engine.env"
}

stop() {
  stop_pidfile "$PIDFILE" dockerd 60
  delete_netns "$NETNS"
  rm -f "$STATE_DIR/tls-engine.env"
}

status() {
  if engine_up "${CLIENT_ARGS[@]}"; then echo "running on $TLS_HOST"; else echo "not running"; return 3; fi
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
