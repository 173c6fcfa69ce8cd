#!/usr/bin/env bash
# The portal benchmark of docs/benchmarks.md: what open portal pages cost the API. In one run on this machine, memory
# mode: POST /v1/authorizations at peak with no portal open, with 20 browser-less circuits on the live feed, with 20 real
# pages (Debian's Chromium, one Blazor circuit each) on it, and with none again; the silo's CPU time per 1,000 requests
# in each; and the silo's memory per open circuit on the overview and on the live feed, for both kinds of client.
# Usage: scripts/bench-portal.sh [seconds-per-run] [pages] [concurrency]     (loopback only; bounded in time)
# A browser-less circuit (PortalWatchers --client circuit) speaks Blazor's hub from .NET: the silo keeps the circuit, its
# components and live subscription, renders and sends every batch as for a browser, and the client only acknowledges
# them, so the throughput lost with them is what the circuits cost the silo. Chromium runs on the same 2 cores as the
# silo and the load generator, niced so that it takes only what they leave, and still costs the box more than the silo's
# circuits do: its loss is the upper bound, the circuits' the silo's own share.
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

watch_pages() { # client path seconds [more PortalWatchers options]
  # Niced: the pages' client is on this machine only because the benchmark is; it takes the cores the silo and the
  # load generator leave, so the throughput lost is what the circuits cost the silo, not what the client costs the box.
  local client="$1" path="$2" seconds="$3"; shift 3
  WATCHERS_CLIENT="$client"
  nice -n 19 dotnet tools/ActorRisk.PortalWatchers/bin/Release/net10.0/ActorRisk.PortalWatchers.dll --url "http://127.0.0.1:$PORT" \
    --user bench --password "$PORTAL_PASSWORD" --pages "$PAGES" --path "$path" --seconds "$seconds" --client "$client" "$@" \
    >"$OUT/watchers-$client.txt" 2>&1 &
  WATCHERS_PID=$!
  for _ in $(seq 1 240); do
    grep -q "circuits open" "$OUT/watchers-$client.txt" && return
    kill -0 "$WATCHERS_PID" 2>/dev/null || { cat "$OUT/watchers-$client.txt"; exit 1; }
    sleep 0.5
  done
  echo "the pages did not open"; cat "$OUT/watchers-$client.txt"; exit 1
}
stop_watching() {
  # SIGTERM: the watchers close their pages and, for browser-less circuits, print each circuit's render batches; they
  # exit non-zero if the server closed a circuit or (--require-renders) one received nothing while the load ran.
  local rc=0
  kill "$WATCHERS_PID" 2>/dev/null || true
  wait "$WATCHERS_PID" 2>/dev/null || rc=$?
  WATCHERS_PID=""
  if [ "$rc" -ne 0 ]; then
    echo "the $WATCHERS_CLIENT watchers failed (exit $rc):"; cat "$OUT/watchers-$WATCHERS_CLIENT.txt"; exit 1
  fi
  sleep 3
}

load warmup >/dev/null

echo "== memory per open circuit (silo resident memory, $PAGES pages) =="
for client in circuit browser; do
  for path in / /live; do
    sleep 3; base=$(rss_mib)
    watch_pages "$client" "$path" 600
    sleep 5; open=$(rss_mib)
    awk -v c="$client" -v p="$path" -v b="$base" -v o="$open" -v n="$PAGES" 'BEGIN { printf "%-8s %-6s %s MiB with none, %s MiB with %d open: %.2f MiB per circuit\n", c, p, b, o, n, (o - b) / n }' | tee -a "$OUT/memory.txt"
    stop_watching
  done
done

echo "== POST /v1/authorizations with and without $PAGES live-feed circuits (browser-less, then Chromium pages) =="
load none-before
watch_pages circuit /live $(( SECONDS_PER_RUN * 3 + 120 )) --require-renders
load with-circuits
stop_watching
watch_pages browser /live $(( SECONDS_PER_RUN * 3 + 120 ))
load with-pages
stop_watching
load none-after

# What the browser-less circuits received while the load ran: proof they were live (about 4 batches a second each).
renders=$(grep -o "^[0-9]* circuits: .*" "$OUT/watchers-circuit.txt")
fewest=$(grep -o "([0-9]* since all were open)" "$OUT/watchers-circuit.txt" | grep -o "[0-9]*" | sort -n | head -1)

loss() { # name
  awk -v w="$(cat "$OUT/$1.tput")" -v a="$(cat "$OUT/none-before.tput")" -v b="$(cat "$OUT/none-after.tput")" 'BEGIN { printf "%.1f%%", 100 * (1 - w / ((a + b) / 2)) }'
}
cpu() { # name
  awk -v w="$(cat "$OUT/$1.cpu")" -v a="$(cat "$OUT/none-before.cpu")" -v b="$(cat "$OUT/none-after.cpu")" 'BEGIN { printf "%+.1f%%", 100 * (w / ((a + b) / 2) - 1) }'
}
echo
echo "browser-less circuits during their run: $renders; fewest for one circuit: $fewest"
echo "throughput lost to $PAGES browser-less circuits: $(loss with-circuits) (target < 10%; what the circuits cost the silo)"
echo "throughput lost to $PAGES Chromium pages:        $(loss with-pages) (the browser, niced, shares the 2 cores)"
echo "silo CPU per request: $(cpu with-circuits) with the browser-less circuits, $(cpu with-pages) with the Chromium pages, against none"
echo "memory per circuit:"; sed 's/^/  /' "$OUT/memory.txt"
echo "silo log: $(grep -ciE "circuit|unhandled|exception" "$OUT/silo.log" || true) lines naming a circuit, an unhandled error or an exception"
echo "full outputs: $OUT"
