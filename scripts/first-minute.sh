#!/usr/bin/env bash
# A new replica's first minutes (#22), not a test. Start the service and run this at once:
#   ZOUFANG_WEB_RATE_LIMIT_SCALE=10000 ZOUFANG_DEMO_ZONE_SCALE=1.0 scripts/run.sh > /tmp/run.log 2>&1 &
#   scripts/first-minute.sh
# (the first run.sh of a scale generates the zone after the service is up: wait for it to finish and for the
# closed periods to be computed ahead — "Computed N closed periods" in the service's log — then restart
# run.sh and this script.) It waits for readiness, then measures as the office the first 12-month trend and
# the first dashboard of last month, as a generated official the first sync, then the phone's read paths
# (my enterprises, the ledger, an issue, the inbox, a delta sync, in turn) at RATE requests/s for DURATION
# from the moment the service is ready, and the same load again once it has run for LATER.
#
# Environment: BASE (http://127.0.0.1:8080), MANAGEMENT_BASE (http://127.0.0.1:9001), RATE (200),
# DURATION (60s), LATER (300: seconds after readiness), OFFICIAL (15000000001), PACED_CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-http://127.0.0.1:8080}
MANAGEMENT_BASE=${MANAGEMENT_BASE:-http://127.0.0.1:9001}
RATE=${RATE:-200}
DURATION=${DURATION:-60s}
LATER=${LATER:-300}
OFFICIAL=${OFFICIAL:-15000000001}
OFFICE=${OFFICE:-13800000002}
PASSWORD=${ZOUFANG_DEMO_PASSWORD:-Zoufang@2026}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-16}
THREADS=2

command -v wrk > /dev/null || { echo "需要 wrk（Debian: sudo apt-get install wrk）" >&2; exit 1; }
json() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }
login() {
  curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"password\":\"$PASSWORD\"}" | json "d['accessToken']"
}
# Seconds (with ms) that one GET took, as the given token.
took() {
  curl -sf -o /dev/null -w '%{time_total}' --compressed -H "Authorization: Bearer $1" "$BASE$2"
}

until curl -sf -o /dev/null "$MANAGEMENT_BASE/q/health/ready"; do sleep 0.2; done
ready=$(date +%s)
since_start=$(ps -o etimes= -p "$(cat .local/run/app.pid)" | xargs)
echo "ready ${since_start} s after the service's process started"

OFFICE_TOKEN=$(login "$OFFICE")
month=$(TZ=Asia/Shanghai date +%Y-%m)
last=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -1 month" +%Y-%m)
echo "first 12-month trend: $(took "$OFFICE_TOKEN" "/api/v1/dashboard/trend?months=12&month=$month") s"
echo "first dashboard of $last: $(took "$OFFICE_TOKEN" "/api/v1/dashboard?month=$last") s"
echo "second 12-month trend: $(took "$OFFICE_TOKEN" "/api/v1/dashboard/trend?months=12&month=$month") s"

TOKEN=$(login "$OFFICIAL")
auth=(-H "Authorization: Bearer $TOKEN")
start=$(date +%s%N)
CURSOR=""
while :; do
  page=$(curl -sf --compressed "${auth[@]}" "$BASE/api/v1/sync${CURSOR:+?cursor=$CURSOR}")
  CURSOR=$(echo "$page" | json "d['cursor']")
  [ "$(echo "$page" | json "d['hasMore']")" = "False" ] && break
done
echo "first sync of $OFFICIAL: $(( ($(date +%s%N) - start) / 1000000 )) ms"
ISSUE=$(curl -sf "${auth[@]}" "$BASE/api/v1/issues?limit=1" | json "d['items'][0]['id']")
PATHS="/api/v1/enterprises?limit=20 /api/v1/issues?limit=20 /api/v1/issues/$ISSUE /api/v1/inbox?limit=20 /api/v1/sync?limit=200&cursor=$CURSOR"
export TOKEN RATE THREADS PACED_CONNECTIONS PATHS

load() {
  local out
  out=$(wrk -t$THREADS -c"$PACED_CONNECTIONS" -d"$DURATION" --latency -s scripts/load/paced.lua "$BASE/api/v1/me")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, p50 $(echo "$out" | awk '$1 == "50%" {print $2}'), p99 $(echo "$out" | awk '$1 == "99%" {print $2}'), non-2xx $(echo "$out" | awk '/Non-2xx/ {print $5}')"
}
echo "phone reads at $RATE/s from $(( $(date +%s) - ready )) s after readiness for $DURATION: $(load)"
wait_for=$(( ready + LATER - $(date +%s) ))
[ "$wait_for" -gt 0 ] && sleep "$wait_for"
echo "phone reads at $RATE/s from $(( $(date +%s) - ready )) s after readiness for $DURATION: $(load)"
