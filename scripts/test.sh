#!/usr/bin/env bash
# Runs every test in the solution and ends with one line: "N passed, N failed, N skipped".
# Test fixtures start what they need themselves (PostgreSQL, Chromium once those tests exist);
# nothing is skipped silently. Extra arguments go to `dotnet test` (e.g. --filter ...).
set -uo pipefail
cd "$(dirname "$0")/.."

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet test ActorRisk.sln --configuration Release --logger "trx" --results-directory "$results" "$@"
status=$?

sum() { cat "$results"/*.trx 2>/dev/null | grep -o "<Counters [^>]*" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" | awk '{s+=$1} END {print s+0}'; }
passed=$(sum passed)
failed=$(( $(sum failed) + $(sum error) + $(sum timeout) + $(sum aborted) ))
total=$(sum total)
executed=$(sum executed)
skipped=$(( total - executed ))

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status before reporting a failing test (build or test-host error)." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
