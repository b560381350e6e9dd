#!/bin/sh
# Health check of the lab web image.
# If WEB_HEALTH_FILE is set, that file must exist and must not contain "bad" (a mounted secret
# decides health in the secret-rotation tests). Then the local httpd must answer with HTTP 200.
# (busybox wget crashes in a static FROM-scratch image, hence nc.)
if [ -n "${WEB_HEALTH_FILE:-}" ]; then
  if [ ! -f "$WEB_HEALTH_FILE" ]; then
    echo "unhealthy: $WEB_HEALTH_FILE does not exist"
    exit 1
  fi
  if [ "$(tr -d '[:space:]' <"$WEB_HEALTH_FILE")" = "bad" ]; then
    echo "unhealthy: $WEB_HEALTH_FILE says bad"
    exit 1
  fi
fi
reply="$(printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 2 127.0.0.1 80 2>/dev/null)"
case "$reply" in
  "HTTP/1."?" 200 "*) echo "ok"; exit 0 ;;
esac
echo "unhealthy: no HTTP 200 from 127.0.0.1:80"
exit 1
