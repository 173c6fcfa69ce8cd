#!/usr/bin/env bash
# azd's postdeploy hook (azure.yaml): azd deploys the image to the api app only, so this rolls the silo apps onto that
# image one at a time. Each silo app's new revision must be running and healthy before the next one changes, and a
# pause lets the cluster declare the old silo dead and move its grains before the next silo goes: the cluster never
# loses more than one silo at once. It stops at the first silo that does not become healthy; the silos after it keep
# the image they had (docs/operations.md, "Rolling upgrade"). The backup and restore jobs take the image last.
#
# Needs the Azure CLI (az, signed in) and the azd environment's values: AZURE_RESOURCE_GROUP, API_APP_NAME,
# SILO_APP_NAMES (a JSON array), BACKUP_JOB_NAME and RESTORE_JOB_NAME (outputs of infra/main.bicep).
# Tunable: ACTORRISK_ROLL_TIMEOUT_SECONDS (per silo, default 900), ACTORRISK_ROLL_SETTLE_SECONDS (after each silo,
# default 90: above Orleans' default time to declare a silo dead), ACTORRISK_ROLL_POLL_SECONDS (default 10).
set -euo pipefail

group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set: run this as the azd postdeploy hook, or export the values of an azd environment that azd provision has filled (azd env get-values).}"
api="${API_APP_NAME:?API_APP_NAME is not set: run azd provision once so the environment has the outputs of infra/main.bicep.}"
silos="${SILO_APP_NAMES:?SILO_APP_NAMES is not set: run azd provision once so the environment has the outputs of infra/main.bicep.}"
timeout="${ACTORRISK_ROLL_TIMEOUT_SECONDS:-900}"
settle="${ACTORRISK_ROLL_SETTLE_SECONDS:-90}"
poll="${ACTORRISK_ROLL_POLL_SECONDS:-10}"

image_of() { az containerapp show -g "$group" -n "$1" --query 'properties.template.containers[0].image' -o tsv; }

# The revision Container Apps made for the update is ready, running and healthy, and no other revision is active.
healthy() {
  local app="$1" state
  state="$(az containerapp show -g "$group" -n "$app" \
    --query '[properties.provisioningState, properties.latestRevisionName, properties.latestReadyRevisionName]' -o tsv | tr '\t\n' '  ')"
  set -- $state
  [ "${1:-}" = "Succeeded" ] && [ -n "${2:-}" ] && [ "${2:-}" = "${3:-}" ] || return 1
  local revision="$2" health active
  health="$(az containerapp revision show -g "$group" -n "$app" --revision "$revision" \
    --query '[properties.healthState, properties.runningState]' -o tsv | tr '\t\n' '  ')"
  case "$health" in Healthy\ Running*|Healthy\ RunningAtMaxScale*) ;; *) return 1 ;; esac
  active="$(az containerapp revision list -g "$group" -n "$app" --query '[?properties.active].name' -o tsv | wc -l)"
  [ "$active" -eq 1 ]
}

image="$(image_of "$api")"
if [ -z "$image" ]; then
  echo "roll-silos: the api app $api has no image; nothing to roll." >&2
  exit 1
fi
echo "roll-silos: rolling the silo apps onto $image, one at a time."

for app in $(printf '%s' "$silos" | tr -d '[]" \r\n' | tr ',' ' '); do
  if [ "$(image_of "$app")" = "$image" ]; then
    echo "roll-silos: $app already runs it."
    continue
  fi
  echo "roll-silos: $app: updating."
  az containerapp update -g "$group" -n "$app" --image "$image" -o none
  waited=0
  until healthy "$app"; do
    if [ "$waited" -ge "$timeout" ]; then
      echo "roll-silos: $app did not become healthy within ${timeout}s. Stopped: the silos after it still run their old image." >&2
      echo "roll-silos: look at its revision (az containerapp revision list -g $group -n $app) and logs, then see docs/operations.md, \"Rolling upgrade\"." >&2
      exit 1
    fi
    sleep "$poll"
    waited=$((waited + poll))
  done
  echo "roll-silos: $app healthy; letting the cluster settle for ${settle}s."
  sleep "$settle"
done

for job in "${BACKUP_JOB_NAME:-}" "${RESTORE_JOB_NAME:-}"; do
  if [ -n "$job" ] && az containerapp job show -g "$group" -n "$job" -o none 2>/dev/null; then
    az containerapp job update -g "$group" -n "$job" --image "$image" -o none
    echo "roll-silos: job $job takes it from its next run."
  fi
done
echo "roll-silos: done."
