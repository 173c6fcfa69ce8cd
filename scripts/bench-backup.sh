#!/usr/bin/env bash
# The backup and restore speed of docs/backup.md: a set of ENTITIES grain states shaped as Orleans writes a card's
# (one partition per grain, row key "card", a Data property of STATE_BYTES bytes) is made here in the backup format,
# restored by the silo's `restore` command into an in-memory Azurite, then backed up from it by `backup`. Prints the
# commands' own lines and entities per second for each. Azurite on this machine, not Azure: relative numbers only.
# Usage: scripts/bench-backup.sh [entities] [state-bytes]     (loopback only; needs python3 and Node.js)
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES="${1:-20000}"
STATE_BYTES="${2:-1500}"
OUT="$(mktemp -d)"
AZURITE=tests/ActorRisk.Testing/node_modules/.bin/azurite

. scripts/lib/free-port.sh
free_port BLOB_PORT; free_port QUEUE_PORT; free_port TABLE_PORT
[ -x "$AZURITE" ] || (cd tests/ActorRisk.Testing && npm ci --silent)
dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null

"$AZURITE" --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$BLOB_PORT" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$TABLE_PORT" &
AZURITE_PID=$!
trap 'kill $AZURITE_PID 2>/dev/null; rm -rf "$OUT"' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$TABLE_PORT") 2>/dev/null; do
  kill -0 $AZURITE_PID 2>/dev/null || { echo "Azurite exited" >&2; exit 1; }
  sleep 0.2
done

# Azurite's published development account (not a secret).
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;TableEndpoint=http://127.0.0.1:$TABLE_PORT/devstoreaccount1;BlobEndpoint=http://127.0.0.1:$BLOB_PORT/devstoreaccount1"

# The set, in the format of src/ActorRisk.Backup (docs/backup.md#format): gzip JSON lines and a manifest.
python3 - "$OUT/set" "$ENTITIES" "$STATE_BYTES" <<'PY'
import base64, gzip, hashlib, json, os, random, sys
path, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(path)
random.seed(1)
def write(name, lines):
    with open(os.path.join(path, name), "wb") as raw:
        with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as file:
            for line in lines:
                file.write((json.dumps(line, separators=(",", ":")) + "\n").encode())
    return hashlib.sha256(open(os.path.join(path, name), "rb").read()).hexdigest()
states = ({"partitionKey": f"bench_card_tok_{i:08d}", "rowKey": "card",
           "properties": {"Data": {"type": "Edm.Binary", "value": base64.b64encode(random.randbytes(size)).decode()}}}
          for i in range(count))
tables = [("OrleansGrainState", write("OrleansGrainState.jsonl.gz", states), count),
          ("OrleansReminders", write("OrleansReminders.jsonl.gz", []), 0)]
manifest = {"formatVersion": 1, "startedUtc": "2026-12-06T00:00:00+00:00", "finishedUtc": "2026-12-06T00:00:00+00:00",
            "sourceAccount": "bench", "tables": [{"name": n, "file": f"{n}.jsonl.gz", "entities": e, "sha256": h} for n, h, e in tables]}
json.dump(manifest, open(os.path.join(path, "manifest.json"), "w"))
PY

silo() { (cd src/ActorRisk.Silo/bin/Release/net10.0 && dotnet ActorRisk.Silo.dll "$@"); }
rate() { # label, output
  local seconds
  seconds=$(sed -n 's/^Done: .* in \([0-9.]*\) s$/\1/p' <<<"$2")
  awk -v n="$ENTITIES" -v s="$seconds" -v l="$1" 'BEGIN { printf "%s: %d entities in %.1f s = %.0f entities/s\n", l, n, s, n / s }'
}

echo "== restore of $ENTITIES grain states of $STATE_BYTES bytes into an empty Azurite"
RESTORE=$(silo restore --from "$OUT/set" --connection-string "$STORAGE")
echo "$RESTORE"
echo "== backup of the same tables to a directory"
BACKUP=$(silo backup --to "$OUT/backups" --connection-string "$STORAGE")
echo "$BACKUP"
echo "== backup of the same tables to a blob container (Azurite's)"
BLOB=$(silo backup --to "http://127.0.0.1:$BLOB_PORT/devstoreaccount1/backups" --connection-string "$STORAGE" --blob-connection-string "$STORAGE")
echo "$BLOB"
echo
rate "restore         " "$RESTORE"
rate "backup, directory" "$BACKUP"
rate "backup, blob     " "$BLOB"
