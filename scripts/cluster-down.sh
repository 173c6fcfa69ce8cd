#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started: each host gracefully (SIGTERM; it leaves the cluster, its grains
# deactivate), Azurite, then PostgreSQL, and removes the state directory.
set -uo pipefail
STATE="${ACTORRISK_CLUSTER_DIR:-/tmp/actorrisk-cluster}"
[ -d "$STATE" ] || { echo "no cluster is up ($STATE)"; exit 0; }
if [ -f "$STATE/pids" ]; then
  tac "$STATE/pids" | while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 120); do
    alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$STATE/pids"
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  while read -r pid; do kill -KILL "$pid" 2>/dev/null || true; done <"$STATE/pids"
fi
if [ -f "$STATE/store" ]; then
  read -r _ bin data <"$STATE/store"
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1; else "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1; fi
fi
rm -rf "$STATE"
echo "cluster stopped"
