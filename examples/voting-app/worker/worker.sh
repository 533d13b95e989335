#!/bin/sh
# Pop votes from redis (`LPOP votes`, a Redis bulk reply) and store each in the
# db stand-in (`VOTE <voter_id> <a|b>`, an upsert by voter). One log line a second.
total=0
while true; do
  moved=0 state=ok
  while true; do
    reply=$(printf 'LPOP votes\r\n' | nc -w 2 "$REDIS_HOST" 6379 2>/dev/null | tr -d '\r')
    case "$reply" in
      '$-1') break ;;                       # queue empty
      '$'*) item=$(echo "$reply" | sed -n 2p) ;;
      *) state="redis unreachable"; break ;;
    esac
    voter=${item%%:*} vote=${item#*:}
    if [ "$(printf 'VOTE %s %s\n' "$voter" "$vote" | nc -w 2 "$DB_HOST" 5432)" = OK ]; then
      moved=$((moved + 1))
    else
      # Put it back at the end of the queue and try again next second.
      printf 'RPUSH votes %s\r\n' "$item" | nc -w 2 "$REDIS_HOST" 6379 >/dev/null 2>&1
      state="db unreachable"
      break
    fi
  done
  total=$((total + moved))
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) worker: moved $moved vote(s) to db, $total since start ($state)"
  sleep 1
done
