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
free_port PORT; free_port PG_PORT; free_port SILO_PORT; free_port GATEWAY_PORT
echo "ports (127.0.0.1): http $PORT, postgres $PG_PORT, orleans silo $SILO_PORT, gateway $GATEWAY_PORT"

dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null
dotnet build -c Release tools/ActorRisk.LoadGen -v q -nologo >/dev/null

PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PGDIR="$(mktemp -d)"; chown postgres "$PGDIR"
runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1" -l "$PGDIR/log" -w start >/dev/null
# The durable run is in Production, which wants the portal's stored keys encrypted.
KEYDIR="$(mktemp -d)"; data_protection_cert "$KEYDIR"
SILO_PID=""
cleanup() {
  [ -n "$SILO_PID" ] && kill "$SILO_PID" 2>/dev/null || true
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGDIR" "$KEYDIR"
}
trap cleanup EXIT
runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null

start_silo() {
  # A new cluster id per start: a silo never joins (or waits for) one from an earlier start. The Silo category logs
  # the silo's own address at Information, so the log shows what it advertises.
  env ActorRisk__Demo__ApiKey="$KEY" ActorRisk__Demo__SeedData=false ActorRisk__Benchmark__BareEndpoint=true \
    ActorRisk__Tokenization__Key="$TOKEN_KEY" Logging__LogLevel__Default=Warning \
    ActorRisk__Orleans__SiloPort="$SILO_PORT" ActorRisk__Orleans__GatewayPort="$GATEWAY_PORT" \
    ActorRisk__Orleans__ClusterId="bench-api-$$-$RANDOM" "Logging__LogLevel__Orleans.Runtime.Silo=Information" \
    dotnet src/ActorRisk.Silo/bin/Release/net10.0/ActorRisk.Silo.dll --urls "http://127.0.0.1:$PORT" "$@" >"$OUT/silo-$MODE.log" 2>&1 &
  SILO_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; then check_loopback; return; fi
    kill -0 "$SILO_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "silo did not start"; cat "$OUT/silo-$MODE.log"; exit 1
}
# The silo must advertise 127.0.0.1, and every socket it listens on (HTTP, Orleans silo and gateway) be on 127.0.0.1.
check_loopback() {
  if ! grep -q "Started silo S127\.0\.0\.1:$SILO_PORT:" "$OUT/silo-$MODE.log"; then
    echo "silo does not advertise 127.0.0.1:$SILO_PORT"; grep "Started silo" "$OUT/silo-$MODE.log" || true; exit 1
  fi
  command -v ss >/dev/null || return 0
  local listening; listening=$(ss -Hltnp | grep "pid=$SILO_PID," | awk '{print $4}' | sort | tr '\n' ' ')
  echo "silo advertises S127.0.0.1:$SILO_PORT, listens on: $listening"
  if echo "$listening" | tr ' ' '\n' | grep -v '^$' | grep -qv '^127\.0\.0\.1:'; then
    echo "silo listens beyond loopback"; exit 1
  fi
}
stop_silo() { kill "$SILO_PID"; wait "$SILO_PID" 2>/dev/null || true; SILO_PID=""; }
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
MODE=memory
start_silo
load warmup v1/authorizations >/dev/null
load bare-memory bench/bare
load api-memory v1/authorizations
HALF=$(( $(cat "$OUT/api-memory.tput") / 2 ))
load api-memory-half v1/authorizations --rate "$HALF"
load bare-memory-half bench/bare --rate "$HALF"
stop_silo

echo "== durable mode (PostgreSQL, group commit) =="
MODE=durable
start_silo --storage postgres --connection-string "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench;Maximum Pool Size=50"
load warmup-pg v1/authorizations >/dev/null
load bare-durable bench/bare
load api-durable v1/authorizations
HALF=$(( $(cat "$OUT/api-durable.tput") / 2 ))
load api-durable-half v1/authorizations --rate "$HALF"
load bare-durable-half bench/bare --rate "$HALF"
stop_silo
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
