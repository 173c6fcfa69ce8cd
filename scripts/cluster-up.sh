#!/usr/bin/env bash
# Starts a local ActorRisk cluster on loopback: its store (PostgreSQL, or Azurite with the read models in PostgreSQL)
# and N silos sharing it, each with its own HTTP, silo and gateway ports. Prints one line per silo,
#   silo N http://127.0.0.1:PORT
# and the API key of this cluster (every role) as
#   api-key KEY
# then returns; scripts/cluster-down.sh stops all of it. Everything binds and advertises 127.0.0.1.
# Usage: scripts/cluster-up.sh [N=3] [--storage postgres|azure] [--api-tier]
#   --api-tier also starts one API-tier host (--role api: API and portal over an Orleans client), printed as "api ...".
set -Eeuo pipefail
cd "$(dirname "$0")/.."

SILOS=3; STORAGE=postgres; API_TIER=0
while [ $# -gt 0 ]; do
  case "$1" in
    --storage) STORAGE="$2"; shift 2 ;;
    --storage=*) STORAGE="${1#*=}"; shift ;;
    --api-tier) API_TIER=1; shift ;;
    [0-9]*) SILOS="$1"; shift ;;
    *) echo "usage: $0 [N] [--storage postgres|azure] [--api-tier]" >&2; exit 2 ;;
  esac
done
case "$STORAGE" in postgres|azure) ;; *) echo "--storage: postgres or azure" >&2; exit 2 ;; esac
[ "$SILOS" -ge 1 ] && [ "$SILOS" -le 9 ] || { echo "N: 1 to 9 silos" >&2; exit 2; }

STATE="${ACTORRISK_CLUSTER_DIR:-/tmp/actorrisk-cluster}"
if [ -f "$STATE/pids" ]; then
  echo "A cluster is already up ($STATE); stop it first with scripts/cluster-down.sh." >&2; exit 1
fi
mkdir -p "$STATE"; chmod 711 "$STATE" # the postgres user must reach its data directory inside
. scripts/lib/free-port.sh
. scripts/lib/data-protection-cert.sh
random() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
KEY="ar_cluster_$(random)"
TOKEN_KEY="$(head -c 32 /dev/urandom | base64)"
CLUSTER_ID="local-$(random | head -c 8 | tr 'A-Z' 'a-z')"
trap 'echo "cluster-up failed; logs in $STATE" >&2; scripts/cluster-down.sh >/dev/null 2>&1 || true' ERR
# The hosts run in Production, which wants the portal's stored keys encrypted: one certificate for all of them.
data_protection_cert "$STATE"

# PostgreSQL from the machine's binaries, in the state directory, owned by the postgres user when run as root.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL binaries not found (apt-get install postgresql)." >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port PG_PORT
mkdir -p "$STATE/pg"; [ "$(id -u)" = 0 ] && chown postgres "$STATE/pg"
as_pg "$PG_BIN/initdb" -D "$STATE/pg/data" -A trust -U postgres -E UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$STATE/pg/data" -o "-p $PG_PORT -k $STATE/pg -c listen_addresses=127.0.0.1" -l "$STATE/pg/server.log" -w start >/dev/null
echo "pg $PG_BIN $STATE/pg/data" >"$STATE/store"
PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"

STORE_ARGS=(--storage "$STORAGE")
if [ "$STORAGE" = azure ]; then
  AZURITE=tests/ActorRisk.Testing/node_modules/.bin/azurite
  [ -x "$AZURITE" ] || (cd tests/ActorRisk.Testing && npm ci --silent >/dev/null)
  free_port BLOB; free_port QUEUE; free_port TABLE
  "$AZURITE" --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
    --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" --tableHost 127.0.0.1 --tablePort "$TABLE" \
    >"$STATE/azurite.log" 2>&1 &
  echo "$!" >>"$STATE/pids"
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$TABLE") 2>/dev/null && break; sleep 0.2; done
  # Azurite's fixed development account: public, documented, not a secret.
  ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1"
  STORE_ARGS+=(--connection-string "$AZURE" --read-models "$PG")
else
  STORE_ARGS+=(--connection-string "$PG")
fi

dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null
HOST_DLL=src/ActorRisk.Silo/bin/Release/net10.0/ActorRisk.Silo.dll

start_host() { # name role
  local name="$1" role="$2" http silo gateway
  free_port http; free_port silo; free_port gateway
  env ActorRisk__Demo__ApiKey="$KEY" ActorRisk__Demo__SeedData=false ActorRisk__Tokenization__Key="$TOKEN_KEY" \
    ActorRisk__Orleans__ClusterId="$CLUSTER_ID" ActorRisk__Orleans__ServiceId="$CLUSTER_ID" ActorRisk__Orleans__AdvertisedAddress=127.0.0.1 \
    ActorRisk__Orleans__SiloPort="$silo" ActorRisk__Orleans__GatewayPort="$gateway" Logging__LogLevel__Default=Warning \
    dotnet "$HOST_DLL" --role "$role" "${STORE_ARGS[@]}" --urls "http://127.0.0.1:$http" >"$STATE/$name.log" 2>&1 &
  local pid=$!
  echo "$pid" >>"$STATE/pids"
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$http/health/ready" >/dev/null && { echo "${name/-/ } http://127.0.0.1:$http"; return; }
    kill -0 "$pid" 2>/dev/null || { echo "$name exited:" >&2; tail -20 "$STATE/$name.log" >&2; return 1; }
    sleep 0.3
  done
  echo "$name did not become ready; see $STATE/$name.log" >&2; return 1
}

# The first silo creates the schema; the others join the cluster it registered.
start_host silo-1 silo
for n in $(seq 2 "$SILOS"); do start_host "silo-$n" silo; done
[ "$API_TIER" = 1 ] && start_host api api
echo "api-key $KEY"
