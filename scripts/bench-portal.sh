#!/usr/bin/env bash
# The portal benchmark of docs/benchmarks.md: what open portal pages cost the API. In one run on this machine, memory
# mode: POST /v1/authorizations at peak with no portal open, with 20 real pages (Debian's Chromium, one Blazor circuit
# each) watching the live feed, and with none again; the silo's CPU time per 1,000 requests in each; and the silo's
# memory per open circuit on the overview and on the live feed.
# Usage: scripts/bench-portal.sh [seconds-per-run] [pages] [concurrency]     (loopback only; bounded in time)
# The browser runs on the same 2 cores as the silo and the load generator, niced so that it takes only what they
# leave; the silo's CPU time per request says what the circuits cost the silo itself.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-15}"
PAGES="${2:-20}"
CONCURRENCY="${3:-32}"
KEY="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
PORTAL_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
OUT="$(mktemp -d)"

. scripts/lib/free-port.sh
free_port PORT; free_port SILO_PORT; free_port GATEWAY_PORT
echo "ports (127.0.0.1): http $PORT, orleans silo $SILO_PORT, gateway $GATEWAY_PORT"

dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null
dotnet build -c Release tools/ActorRisk.LoadGen -v q -nologo >/dev/null
dotnet build -c Release tools/ActorRisk.PortalWatchers -v q -nologo >/dev/null

SILO_PID=""; WATCHERS_PID=""
cleanup() {
  [ -n "$WATCHERS_PID" ] && kill "$WATCHERS_PID" 2>/dev/null || true
  [ -n "$SILO_PID" ] && kill "$SILO_PID" 2>/dev/null || true
}
trap cleanup EXIT

env ActorRisk__Demo__ApiKey="$KEY" ActorRisk__Demo__SeedData=false Logging__LogLevel__Default=Warning \
  ActorRisk__Demo__Users__0__UserName=bench ActorRisk__Demo__Users__0__Password="$PORTAL_PASSWORD" ActorRisk__Demo__Users__0__Roles__0=analyst \
  ActorRisk__Orleans__SiloPort="$SILO_PORT" ActorRisk__Orleans__GatewayPort="$GATEWAY_PORT" ActorRisk__Orleans__ClusterId="bench-portal-$$-$RANDOM" \
  dotnet src/ActorRisk.Silo/bin/Release/net10.0/ActorRisk.Silo.dll --urls "http://127.0.0.1:$PORT" >"$OUT/silo.log" 2>&1 &
SILO_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
  kill -0 "$SILO_PID" 2>/dev/null || { cat "$OUT/silo.log"; exit 1; }
  sleep 0.5
done

# The silo's CPU time (user + system) in clock ticks, and its resident memory in MiB.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SILO_PID/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SILO_PID/status"; }
TICKS=$(getconf CLK_TCK)

load() { # name
  local name="$1" before after tput
  before=$(cpu_ticks)
  dotnet tools/ActorRisk.LoadGen/bin/Release/net10.0/ActorRisk.LoadGen.dll --url "http://127.0.0.1:$PORT" --api-key "$KEY" \
    --duration "$SECONDS_PER_RUN" --warmup 0 --concurrency "$CONCURRENCY" --seed $RANDOM >"$OUT/$name.txt" 2>&1
  after=$(cpu_ticks)
  tput=$(grep -o "Throughput *│ *[0-9,]*" "$OUT/$name.txt" | grep -o "[0-9,]*$" | tr -d ,)
  local requests; requests=$(grep -o "Requests answered *│ *[0-9,]*" "$OUT/$name.txt" | grep -o "[0-9,]*$" | tr -d , || true)
  [ -n "$requests" ] || requests=$(( tput * SECONDS_PER_RUN ))
  local cpu_ms_per_k; cpu_ms_per_k=$(awk -v t=$((after - before)) -v hz="$TICKS" -v r="$requests" 'BEGIN { printf "%.1f", 1000 * 1000 * t / hz / r }')
  printf "%-26s %8s req/s   silo CPU %6s ms per 1,000 requests\n" "$name" "$tput" "$cpu_ms_per_k"
  echo "$tput" >"$OUT/$name.tput"; echo "$cpu_ms_per_k" >"$OUT/$name.cpu"
}

watch_pages() { # path seconds
  # Niced: the pages' browser is on this machine only because the benchmark is; it takes the cores the silo and the
  # load generator leave, so the throughput lost is what the circuits cost the silo, not what Chromium costs the box.
  nice -n 19 dotnet tools/ActorRisk.PortalWatchers/bin/Release/net10.0/ActorRisk.PortalWatchers.dll --url "http://127.0.0.1:$PORT" \
    --user bench --password "$PORTAL_PASSWORD" --pages "$PAGES" --path "$1" --seconds "$2" >"$OUT/watchers.txt" 2>&1 &
  WATCHERS_PID=$!
  for _ in $(seq 1 240); do
    grep -q "circuits open" "$OUT/watchers.txt" && return
    kill -0 "$WATCHERS_PID" 2>/dev/null || { cat "$OUT/watchers.txt"; exit 1; }
    sleep 0.5
  done
  echo "the pages did not open"; cat "$OUT/watchers.txt"; exit 1
}
stop_watching() { kill "$WATCHERS_PID" 2>/dev/null || true; wait "$WATCHERS_PID" 2>/dev/null || true; WATCHERS_PID=""; sleep 3; }

load warmup >/dev/null

echo "== memory per open circuit (silo resident memory, $PAGES pages) =="
for path in / /live; do
  sleep 3; base=$(rss_mib)
  watch_pages "$path" 600
  sleep 5; open=$(rss_mib)
  awk -v p="$path" -v b="$base" -v o="$open" -v n="$PAGES" 'BEGIN { printf "%-6s %s MiB with none, %s MiB with %d open: %.2f MiB per circuit\n", p, b, o, n, (o - b) / n }' | tee -a "$OUT/memory.txt"
  stop_watching
done

echo "== POST /v1/authorizations with and without $PAGES live-feed pages =="
load none-before
watch_pages /live $(( SECONDS_PER_RUN * 3 + 120 ))
load with-pages
stop_watching
load none-after

ratio=$(awk -v w="$(cat "$OUT/with-pages.tput")" -v a="$(cat "$OUT/none-before.tput")" -v b="$(cat "$OUT/none-after.tput")" 'BEGIN { printf "%.1f%%", 100 * (1 - w / ((a + b) / 2)) }')
cpu=$(awk -v w="$(cat "$OUT/with-pages.cpu")" -v a="$(cat "$OUT/none-before.cpu")" -v b="$(cat "$OUT/none-after.cpu")" 'BEGIN { printf "%+.1f%%", 100 * (w / ((a + b) / 2) - 1) }')
echo
echo "throughput lost to $PAGES live-feed pages: $ratio (target < 10%; the browser is niced on the same cores)"
echo "silo CPU per request with the pages: $cpu against none"
echo "full outputs: $OUT"
