#!/bin/sh
# A Server-Sent Events stream (busybox httpd CGI): three events a second apart, the test's upstream.
printf 'Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n'
for i in 1 2 3; do
  printf 'data: tick %s\n\n' "$i"
  sleep 1
done
