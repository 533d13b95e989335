#!/bin/sh
# Stays up, answers HTTP on the ports the templates' real images listen on (so published ports answer),
# and stops at once on TERM (no 10 s stop timeout per container in tests).
mkdir -p /tmp/www
echo "Wharf offline stand-in on $(hostname)" >/tmp/www/index.html
for port in 80 2368 3000 3001 3306 4222 5432 5672 6379 8080 8081 8222 9000 9001 9090 15672 27017; do
  httpd -p "$port" -h /tmp/www
done
echo "stand-in up; arguments ignored: $*"
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
