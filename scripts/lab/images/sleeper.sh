#!/bin/sh
# Sleeps forever; stops promptly on SIGTERM/SIGINT.
echo "sleeper started on $(hostname)"
trap 'echo "sleeper stopping"; exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
