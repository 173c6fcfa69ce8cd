#!/usr/bin/env bash
# The API benchmark of docs/benchmarks.md, in one run on this machine: POST /v1/authorizations in memory mode and
# in durable PostgreSQL mode, each against the bare baseline endpoint of the same binary (same auth, parsing,
# validation and tokenization, fixed answer). Peak throughput with N in flight, then p99 at half of the API's
# peak, for the API and for the bare endpoint at that same rate (the machine's own floor). Latency is open-loop
# (from each request's scheduled time) and, beside it, from the moment it was sent.
# Usage: scripts/bench-api.sh [seconds-per-run] [concurrency]     (loopback only; bounded in time)
# The silo is an Orleans silo of its own (localhost clustering: it binds and advertises 127.0.0.1 only), on ports
# chosen here, as are the HTTP and PostgreSQL ports, so the run never meets another silo, server or test on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
CONCURRENCY="${2:-32}"
KEY="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
TOKEN_KEY="$(head -c 32 /dev/urandom | base64)"
OUT="$(mktemp -d)"

. scripts/lib/free-port.sh
. scripts/lib/data-protection-cert.sh
. scripts/lib/bench-silo.sh
bench_ports

dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null
dotnet build -c Release tools/ActorRisk.LoadGen -v q -nologo >/dev/null
bench_postgres

load() { # name path extra-args...
  local name="$1" path="$2"; shift 2
  dotnet tools/ActorRisk.LoadGen/bin/Release/net10.0/ActorRisk.LoadGen.dll --url "http://127.0.0.1:$PORT" --api-key "$KEY" \
    --duration "$SECONDS_PER_RUN" --concurrency "$CONCURRENCY" --path "$path" --seed $RANDOM "$@" >"$OUT/$name.txt" 2>&1
  local tput p q; tput=$(grep -o "Throughput *│ *[0-9,]*" "$OUT/$name.txt" | grep -o "[0-9,]*$" | tr -d ,)
  p=$(grep "Latency p50 / p90 / p99" "$OUT/$name.txt" | sed 's/.*│ \(.*\) │/\1/' | tr -s ' ')
  q=$(grep "from send p50" "$OUT/$name.txt" | sed 's/.*│ \(.*\) │/\1/' | tr -s ' ')
  printf "%-22s %8s req/s   p50/p90/p99/max: %s   (from send: %s)\n" "$name" "$tput" "$p" "$q"
  echo "$tput" >"$OUT/$name.tput"
  echo "$p" | awk '{print $7}' >"$OUT/$name.p99"
}

echo "== memory mode =="
bench_silo_start memory
load warmup v1/authorizations >/dev/null
load bare-memory bench/bare
load api-memory v1/authorizations
HALF=$(( $(cat "$OUT/api-memory.tput") / 2 ))
load api-memory-half v1/authorizations --rate "$HALF"
load bare-memory-half bench/bare --rate "$HALF"
bench_silo_stop

echo "== durable mode (PostgreSQL, group commit) =="
bench_silo_start durable --storage postgres --connection-string "$PG_CONNECTION"
load warmup-pg v1/authorizations >/dev/null
load bare-durable bench/bare
load api-durable v1/authorizations
HALF=$(( $(cat "$OUT/api-durable.tput") / 2 ))
load api-durable-half v1/authorizations --rate "$HALF"
load bare-durable-half bench/bare --rate "$HALF"
bench_silo_stop
# Card writes should stay HOT (rewritten in place, no index writes): see docs/runtime.md on per-type tables.
HOT=$(runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -Atc \
  "SELECT n_tup_upd || ' updates, ' || round(100.0 * n_tup_hot_upd / greatest(n_tup_upd, 1)) || '% HOT' FROM pg_stat_user_tables WHERE relname = 'grain_state_default'")
echo "card state writes: $HOT"

ratio() { awk -v a="$(cat "$OUT/$1.tput")" -v b="$(cat "$OUT/$2.tput")" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
echo
p99ratio() { awk -v a="$(cat "$OUT/$1.p99")" -v b="$(cat "$OUT/$2.p99")" 'BEGIN { printf "%.1fx", a / b }'; }
echo "memory  / bare: $(ratio api-memory bare-memory)   (target >= 60%); p99 at half of peak: $(p99ratio api-memory-half bare-memory-half) bare's (target <= 3x)"
echo "durable / bare: $(ratio api-durable bare-durable)   (target >= 30%); p99 at half of peak: $(p99ratio api-durable-half bare-durable-half) bare's (target <= 3x)"
echo "card state writes (durable): $HOT"
echo "full outputs: $OUT"
