#!/bin/sh
# The ballot. GET shows it; POST vote=a|b queues the vote in redis with Redis's
# inline syntax: `RPUSH votes <voter_id>:<a|b>`. The voter id lives in a cookie,
# so voting again changes your vote instead of adding one (as in the original).
# busybox httpd runs this for "/" because there is no index.html.

voter=$(echo "${HTTP_COOKIE:-}" | sed -n 's/.*voter_id=\([0-9a-f]\{16\}\).*/\1/p')
[ -n "$voter" ] || voter=$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')

vote="" note="" status=""
if [ "$REQUEST_METHOD" = POST ]; then
  body=$(head -c "${CONTENT_LENGTH:-0}")
  vote=$(echo "&$body&" | sed -n 's/.*&vote=\([ab]\)&.*/\1/p')
  if [ -z "$vote" ]; then
    status="400 Bad Request" note="Pick a or b."
  elif reply=$(printf 'RPUSH votes %s:%s\r\n' "$voter" "$vote" | nc -w 2 "$REDIS_HOST" 6379) &&
    [ "${reply#:}" != "$reply" ]; then
    note="Vote recorded."
  else
    status="503 Service Unavailable" note="Could not reach redis; vote not recorded."
    vote=""
  fi
fi

[ -z "$status" ] || printf 'Status: %s\r\n' "$status"
printf 'Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n'
printf 'Set-Cookie: voter_id=%s; Path=/; SameSite=Lax\r\n\r\n' "$voter"

checked() { [ "$vote" = "$1" ] && echo ' aria-pressed="true"'; }
cat <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${OPTION_A} vs ${OPTION_B}!</title>
<link rel="stylesheet" href="/style.css"></head>
<body><main>
<h1>${OPTION_A} vs ${OPTION_B}!</h1>
<form method="post" action="/">
  <button name="vote" value="a" data-testid="vote-a"$(checked a)>${OPTION_A}</button>
  <button name="vote" value="b" data-testid="vote-b"$(checked b)>${OPTION_B}</button>
</form>
<p role="status" data-testid="vote-status">${note}</p>
<p class="meta">(Tip: you can change your vote)<br>Processed by container ID $(hostname)</p>
</main></body></html>
HTML
