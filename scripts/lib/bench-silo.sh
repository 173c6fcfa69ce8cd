# Sourced by the benchmark scripts that run one silo at a time in memory and in durable PostgreSQL mode on this
# machine. Needs free-port.sh and data-protection-cert.sh sourced first, and OUT, KEY and TOKEN_KEY set.
# bench_ports picks the HTTP, PostgreSQL, Orleans silo and gateway ports (127.0.0.1); bench_postgres starts a throwaway
# PostgreSQL with a database "bench" (and a certificate for the durable silo's portal keys); bench_silo_start MODE
# [silo args...] starts the silo with a new cluster id, waits until it is ready and checks that it advertises and
# listens on loopback only; bench_silo_stop stops it. Everything is removed on exit.
bench_ports() {
  free_port PORT; free_port PG_PORT; free_port SILO_PORT; free_port GATEWAY_PORT
  echo "ports (127.0.0.1): http $PORT, postgres $PG_PORT, orleans silo $SILO_PORT, gateway $GATEWAY_PORT"
}

SILO_PID=""; PGDIR=""; KEYDIR=""
bench_cleanup() {
  [ -n "$SILO_PID" ] && kill "$SILO_PID" 2>/dev/null || true
  if [ -n "$PGDIR" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
  fi
  [ -n "$KEYDIR" ] && rm -rf "$KEYDIR"
  return 0
}
trap bench_cleanup EXIT

bench_postgres() {
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  PGDIR="$(mktemp -d)"; chown postgres "$PGDIR"
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDIR/data" -A trust -U postgres >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDIR/data" -o "-p $PG_PORT -k $PGDIR -c listen_addresses=127.0.0.1" -l "$PGDIR/log" -w start >/dev/null
  runuser -u postgres -- psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE bench" >/dev/null
  # The durable run is in Production, which wants the portal's stored keys encrypted.
  KEYDIR="$(mktemp -d)"; data_protection_cert "$KEYDIR"
  PG_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench;Maximum Pool Size=50"
}

bench_silo_start() { # mode [silo args...]
  MODE="$1"; shift
  # A new cluster id per start: a silo never joins (or waits for) one from an earlier start. The Silo category logs
  # the silo's own address at Information, so the log shows what it advertises.
  env ActorRisk__Demo__ApiKey="$KEY" ActorRisk__Demo__SeedData=false ActorRisk__Benchmark__BareEndpoint=true \
    ActorRisk__Tokenization__Key="$TOKEN_KEY" Logging__LogLevel__Default=Warning \
    ActorRisk__Orleans__SiloPort="$SILO_PORT" ActorRisk__Orleans__GatewayPort="$GATEWAY_PORT" \
    ActorRisk__Orleans__ClusterId="bench-$$-$RANDOM" "Logging__LogLevel__Orleans.Runtime.Silo=Information" \
    dotnet src/ActorRisk.Silo/bin/Release/net10.0/ActorRisk.Silo.dll --urls "http://127.0.0.1:$PORT" "$@" >"$OUT/silo-$MODE.log" 2>&1 &
  SILO_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null; then bench_check_loopback; return; fi
    kill -0 "$SILO_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "silo did not start"; cat "$OUT/silo-$MODE.log"; exit 1
}

# The silo must advertise 127.0.0.1, and every socket it listens on (HTTP, Orleans silo and gateway) be on 127.0.0.1.
bench_check_loopback() {
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

bench_silo_stop() { kill "$SILO_PID"; wait "$SILO_PID" 2>/dev/null || true; SILO_PID=""; }
