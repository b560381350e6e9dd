#!/bin/sh
# busybox httpd on port 80 in the foreground; the page names the version ("web 1") and the hostname.
# -v makes httpd log one line per request ("IP:PORT: response:200") to stderr, so `docker service logs` always has content.
ver="${WEB_VERSION:-0}"
host="$(hostname)"
mkdir -p /www
printf '<!doctype html>\n<html><head><title>web %s</title></head>\n<body><h1>web %s</h1><p>hostname: %s</p></body></html>\n' \
  "$ver" "$ver" "$host" >/www/index.html
printf 'web %s\n' "$ver" >/www/version.txt
echo "web $ver starting on $host, listening on :80"
httpd -f -v -p 80 -h /www &
pid=$!
trap 'echo "web $ver stopping"; kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT
wait "$pid"
