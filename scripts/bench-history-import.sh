#!/usr/bin/env bash
# The history-import benchmark of docs/benchmarks.md: a portfolio of MERCHANTS merchants x MONTHS months x 2 networks
# as one NDJSON upload to POST /v1/merchants/history:batch, in memory mode and in durable PostgreSQL mode. In each
# mode the same file is sent again: every row is then unchanged (parsed, fingerprinted and answered by its merchant
# grain, with no evaluation and no write), which is the baseline of the same run. Every merchant's rows are together,
# as a processor's export has them. The months are the MONTHS before the current one, so all of them are importable.
# Usage: scripts/bench-history-import.sh [merchants] [months]     (loopback only)
set -euo pipefail
cd "$(dirname "$0")/.."
MERCHANTS="${1:-10000}"
MONTHS="${2:-12}"
KEY="bench-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
TOKEN_KEY="$(head -c 32 /dev/urandom | base64)"
OUT="$(mktemp -d)"

. scripts/lib/free-port.sh
. scripts/lib/data-protection-cert.sh
. scripts/lib/bench-silo.sh
bench_ports

dotnet build -c Release src/ActorRisk.Silo -v q -nologo >/dev/null
bench_postgres

# Sales, disputes and fraud vary by merchant and month, so that some merchants enter VAMP or ECM and the evaluation
# has timelines to follow.
awk -v merchants="$MERCHANTS" -v months="$MONTHS" -v year="$(date -u +%Y)" -v month="$(date -u +%-m)" 'BEGIN {
  for (i = 0; i < merchants; i++) {
    for (m = months; m >= 1; m--) {
      total = year * 12 + (month - 1) - m
      ym = sprintf("%04d-%02d", int(total / 12), total % 12 + 1)
      vsales = 10000 + (i % 7) * 1000; vcnp = vsales - 1000
      vdisputes = (i * 37 + m * 11) % 300; vfraud = (i * 17 + m * 7) % 200
      msales = 5000 + (i % 5) * 1000
      chargebacks = (i * 13 + m * 29) % 250; mfraud = int(chargebacks / 4)
      printf "{\"merchantId\":\"bench-%06d\",\"month\":\"%s\",\"network\":\"visa\",\"salesCount\":%d,\"salesAmount\":{\"amount\":%d,\"currency\":\"USD\"},\"cardNotPresentSalesCount\":%d,\"disputeCount\":%d,\"disputeAmount\":{\"amount\":%d,\"currency\":\"USD\"},\"fraudDisputeCount\":0,\"fraudReportCount\":%d,\"fraudReportAmount\":{\"amount\":%d,\"currency\":\"USD\"}}\n", i, ym, vsales, vsales * 4500, vcnp, vdisputes, vdisputes * 5000, vfraud, vfraud * 6000
      printf "{\"merchantId\":\"bench-%06d\",\"month\":\"%s\",\"network\":\"mastercard\",\"salesCount\":%d,\"salesAmount\":{\"amount\":%d,\"currency\":\"USD\"},\"cardNotPresentSalesCount\":%d,\"disputeCount\":%d,\"disputeAmount\":{\"amount\":%d,\"currency\":\"USD\"},\"fraudDisputeCount\":%d,\"fraudDisputeAmount\":{\"amount\":%d,\"currency\":\"USD\"},\"fraudReportCount\":0,\"fraudReportAmount\":{\"amount\":0,\"currency\":\"USD\"}}\n", i, ym, msales, msales * 4500, msales, chargebacks, chargebacks * 5000, mfraud, mfraud * 5000
    }
  }
}' >"$OUT/portfolio.ndjson"
LINES=$(wc -l <"$OUT/portfolio.ndjson")
echo "portfolio: $MERCHANTS merchants x $MONTHS months x 2 networks = $LINES rows, $(( $(stat -c %s "$OUT/portfolio.ndjson") / 1024 / 1024 )) MiB"

upload() { # name
  local name="$1" code seconds
  read -r code seconds < <(curl -s -o "$OUT/$name.json" -w '%{http_code} %{time_total}\n' -H "X-Api-Key: $KEY" \
    -H "Content-Type: application/x-ndjson" --data-binary @"$OUT/portfolio.ndjson" "http://127.0.0.1:$PORT/v1/merchants/history:batch")
  [ "$code" = 200 ] || { echo "$name: HTTP $code"; head -c 2000 "$OUT/$name.json"; echo; exit 1; }
  echo "$seconds" >"$OUT/$name.seconds"
  printf "%-18s %7.1f s  %8.0f rows/s  %7.0f merchants/s   %s\n" "$name" "$seconds" \
    "$(awk -v n="$LINES" -v s="$seconds" 'BEGIN { print n / s }')" "$(awk -v n="$MERCHANTS" -v s="$seconds" 'BEGIN { print n / s }')" \
    "$(tr -d '\n' <"$OUT/$name.json" | head -c 200)"
}
enforcement() { curl -s -H "X-Api-Key: $KEY" "http://127.0.0.1:$PORT/v1/merchants?status=enforcement&pageSize=1" | grep -o '"total":[0-9]*'; }

echo "== memory mode =="
bench_silo_start memory
upload import-memory
upload again-memory
echo "merchants in enforcement: $(enforcement)"
bench_silo_stop

echo "== durable mode (PostgreSQL) =="
bench_silo_start durable --storage postgres --connection-string "$PG_CONNECTION"
upload import-durable
upload again-durable
echo "merchants in enforcement: $(enforcement)"
bench_silo_stop

ratio() { awk -v a="$(cat "$OUT/$1.seconds")" -v b="$(cat "$OUT/$2.seconds")" 'BEGIN { printf "%.1fx", a / b }'; }
echo
echo "memory:  import takes $(ratio import-memory again-memory) the time of the unchanged re-send"
echo "durable: import takes $(ratio import-durable again-durable) the time of the unchanged re-send; $(ratio import-durable import-memory) memory mode's import"
echo "full outputs: $OUT"
