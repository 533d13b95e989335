#!/bin/sh
# A WebSocket echo for one connection (RFC 6455, short text frames), run by nc -e: the test's upstream.
key=""
cr=$(printf '\r')
while IFS= read -r line; do
  line=${line%"$cr"}
  [ -z "$line" ] && break
  case "$line" in [Ss]ec-[Ww]eb[Ss]ocket-[Kk]ey:*) key=$(echo "${line#*:}" | tr -d ' ') ;; esac
done
hex=$(printf '%s' "${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11" | sha1sum | cut -c1-40)
bin=""
while [ -n "$hex" ]; do
  bin="$bin$(printf '\\%03o' "0x${hex%"${hex#??}"}")"
  hex=${hex#??}
done
accept=$(printf "$bin" | base64)
printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n' "$accept"
while :; do
  set -- $(dd bs=1 count=2 2>/dev/null | od -An -tu1)
  [ $# -eq 2 ] || exit 0
  op=$(($1 & 15))
  len=$(($2 & 127))
  [ "$op" -eq 8 ] && { printf '\210\000'; exit 0; }
  set -- $(dd bs=1 count=$((4 + len)) 2>/dev/null | od -An -tu1 -v)
  m0=$1 m1=$2 m2=$3 m3=$4
  shift 4
  out="\\201$(printf '\\%03o' "$len")"
  i=0
  for b in "$@"; do
    eval "k=\$m$((i % 4))"
    out="$out$(printf '\\%03o' $((b ^ k)))"
    i=$((i + 1))
  done
  printf "$out"
done
