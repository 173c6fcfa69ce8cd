#!/usr/bin/env bash
# The cluster benchmark of docs/benchmarks.md: POST /v1/authorizations with 1, 2 and 3 silos on one PostgreSQL, the
# load generator's workers spread over every silo, each against the same binary's bare endpoint (/bench/bare: auth,
# parsing, validation and tokenization, fixed answer, no grain) over the same silos in the same run. With N silos a
# card's grain is on the silo that took the request only one time in N: the others cost a silo-to-silo call.
# Every silo runs on this machine's cores, so more silos cannot add throughput here; what the run shows is what the
# cluster costs per request (silo CPU summed over the silos) and the ratio to the bare endpoint.
# Usage: scripts/bench-cluster.sh [seconds-per-run] [concurrency] [cards]     (loopback only; bounded in time)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
CONCURRENCY="${2:-32}"
# A pool the warm-up run activates on every silo: the measured runs send new ids for the same cards.
CARDS="${3:-5000}"
OUT="$(mktemp -d)"; chmod 711 "$OUT" # the postgres user keeps its data directory inside
export ACTORRISK_CLUSTER_DIR="$OUT/cluster"
export ActorRisk__Benchmark__BareEndpoint=true
dotnet build -c Release tools/ActorRisk.LoadGen -v q -nologo >/dev/null
trap 'scripts/cluster-down.sh >/dev/null 2>&1 || true' EXIT
TICKS=$(getconf CLK_TCK)

cpu_ticks() { local sum=0 pid; for pid in $(cat "$ACTORRISK_CLUSTER_DIR/pids"); do sum=$(( sum + $(awk '{print $14 + $15}' "/proc/$pid/stat") )); done; echo "$sum"; }
load() { # name path
  local name="$1" path="$2" before after tput requests
  before=$(cpu_ticks)
  dotnet tools/ActorRisk.LoadGen/bin/Release/net10.0/ActorRisk.LoadGen.dll "${URLS[@]}" --api-key "$KEY" \
    --duration "$SECONDS_PER_RUN" --concurrency "$CONCURRENCY" --path "$path" --seed $RANDOM --card-seed 7 --cards "$CARDS" >"$OUT/$name.txt" 2>&1
  after=$(cpu_ticks)
  tput=$(grep -o "Throughput *│ *[0-9,]*" "$OUT/$name.txt" | grep -o "[0-9,]*$" | tr -d ,)
  requests=$(grep -o "Requests answered *│ *[0-9,]*" "$OUT/$name.txt" | grep -o "[0-9,]*$" | tr -d ,)
  local errors; errors=$(grep -o "Errors (after retries) / retries *│ *[0-9,]* / [0-9,]*" "$OUT/$name.txt" | grep -o "│.*" | tr -d '│ ')
  local cpu; cpu=$(awk -v t=$((after - before)) -v hz="$TICKS" -v r="$requests" 'BEGIN { printf "%.1f", 1000 * 1000 * t / hz / r }')
  printf "%-24s %8s req/s   silo CPU %6s ms per 1,000 requests   errors/retries %s\n" "$name" "$tput" "$cpu" "$errors"
  echo "$tput" >"$OUT/$name.tput"; echo "$cpu" >"$OUT/$name.cpu"
}

for n in 1 2 3; do
  echo "== $n silo(s), PostgreSQL =="
  scripts/cluster-up.sh "$n" --storage postgres >"$OUT/up-$n.txt"
  KEY=$(awk '/^api-key/ {print $2}' "$OUT/up-$n.txt")
  URLS=(); for u in $(awk '/^silo/ {print $3}' "$OUT/up-$n.txt"); do URLS+=(--url "$u"); done
  load "warmup-$n" v1/authorizations >/dev/null
  load "bare-$n" bench/bare
  load "authorizations-$n" v1/authorizations
  awk -v a="$(cat "$OUT/authorizations-$n.tput")" -v b="$(cat "$OUT/bare-$n.tput")" -v n="$n" \
    'BEGIN { printf "%d silo(s): authorizations at %.2f of the bare endpoint\n", n, a / b }' | tee -a "$OUT/summary.txt"
  scripts/cluster-down.sh >/dev/null
done

echo
for n in 2 3; do
  awk -v a="$(cat "$OUT/authorizations-$n.cpu")" -v b="$(cat "$OUT/authorizations-1.cpu")" -v t="$(cat "$OUT/authorizations-$n.tput")" -v t1="$(cat "$OUT/authorizations-1.tput")" -v n="$n" \
    'BEGIN { printf "%d silos against 1: throughput %.2fx, silo CPU per request %+.0f%%\n", n, t / t1, 100 * (a / b - 1) }'
done
cat "$OUT/summary.txt"
echo "full outputs: $OUT"
