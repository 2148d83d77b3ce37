#!/usr/bin/env bash
# A new replica's first minutes (#22), not a test. With the service running (scripts/run.sh), this starts a
# second replica beside it, as Kubernetes adds one under load: the same jar and command line, the same
# database and object store (their caches warm), its own ports. It waits for the replica to be ready (after
# its warm-up, ops.WarmUp), then measures on it as the office the first 12-month trend and the first
# dashboard of last month, as a generated official the first sync, then the phone's read paths (my
# enterprises, the ledger, an issue, the inbox, a delta sync, in turn) at RATE requests/s for DURATION from
# the moment it is ready, and the same load again once it has run for LATER; then stops it.
#   ZOUFANG_WEB_RATE_LIMIT_SCALE=10000 ZOUFANG_DEMO_ZONE_SCALE=1.0 scripts/run.sh > /tmp/run.log 2>&1 &
#   scripts/first-minute.sh
# (the first run.sh of a scale generates the zone: wait for it and for the closed periods to be computed
# ahead — "Computed N closed periods" in the service's log — before measuring.)
#
# Environment: REPLICA_PORT (8081), REPLICA_MANAGEMENT_PORT (9002), RATE (200), DURATION (60s), LATER (300:
# seconds after readiness), OFFICIAL (15000000001), PACED_CONNECTIONS (16), REPLICA_JAVA_OPTS (extra JVM
# options for the new replica, e.g. -Xshare or an AOT cache).
set -euo pipefail
cd "$(dirname "$0")/.."
REPLICA_PORT=${REPLICA_PORT:-8081}
REPLICA_MANAGEMENT_PORT=${REPLICA_MANAGEMENT_PORT:-9002}
BASE=http://127.0.0.1:$REPLICA_PORT
MANAGEMENT_BASE=http://127.0.0.1:$REPLICA_MANAGEMENT_PORT
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

[ -f .local/run/app.pid ] && kill -0 "$(cat .local/run/app.pid)" 2> /dev/null \
  || { echo "先用 scripts/run.sh 启动服务" >&2; exit 1; }
# The running replica's settings from its environment (ZOUFANG_WEB_RATE_LIMIT_SCALE, say) and its command
# line, with the new replica's ports and extra options.
while IFS= read -r -d '' setting; do
  case $setting in ZOUFANG_*|QUARKUS_*) export "${setting?}" ;; esac
done < "/proc/$(cat .local/run/app.pid)/environ"
mapfile -d '' args < "/proc/$(cat .local/run/app.pid)/cmdline"
args=("${args[@]/#-Dquarkus.http.port=*/-Dquarkus.http.port=$REPLICA_PORT}")
args=("${args[@]/#-Dquarkus.management.port=*/-Dquarkus.management.port=$REPLICA_MANAGEMENT_PORT}")
# shellcheck disable=SC2086 # a list of options
"${args[0]}" ${REPLICA_JAVA_OPTS:-} "${args[@]:1}" > .local/run/replica.log 2>&1 &
replica=$!
started=$(date +%s%N)
trap 'kill "$replica" 2> /dev/null' EXIT
until curl -sf -o /dev/null "$MANAGEMENT_BASE/q/health/ready"; do
  kill -0 "$replica" 2> /dev/null || { echo "新副本未能启动，见 .local/run/replica.log" >&2; exit 1; }
  sleep 0.2
done
ready=$(date +%s)
echo "new replica ready $(( ($(date +%s%N) - started) / 1000000 )) ms after its JVM started ($(grep -o 'Warmed up in .*' .local/run/replica.log))"

OFFICE_TOKEN=$(login "$OFFICE")
month=$(TZ=Asia/Shanghai date +%Y-%m)
last=$(TZ=Asia/Shanghai date -d "$(TZ=Asia/Shanghai date +%Y-%m-15) -1 month" +%Y-%m)
echo "first 12-month trend: $(took "$OFFICE_TOKEN" "/api/v1/dashboard/trend?months=12&month=$month") s"
echo "first dashboard of $last: $(took "$OFFICE_TOKEN" "/api/v1/dashboard?month=$last") s"
echo "second 12-month trend: $(took "$OFFICE_TOKEN" "/api/v1/dashboard/trend?months=12&month=$month") s"

TOKEN=$(login "$OFFICIAL")
auth=(-H "Authorization: Bearer $TOKEN")
# The pages' own times (request to last byte), summed: not the parsing of each page here.
CURSOR=""
pages=0
sync_ms=0
sync_bytes=0
page=$(mktemp)
while :; do
  read -r seconds bytes < <(curl -sf --compressed -o "$page" -w '%{time_total} %{size_download}\n' "${auth[@]}" \
    "$BASE/api/v1/sync${CURSOR:+?cursor=$CURSOR}")
  pages=$((pages + 1))
  sync_ms=$(python3 -c "print(round($sync_ms + 1000 * $seconds))")
  sync_bytes=$((sync_bytes + bytes))
  CURSOR=$(json "d['cursor']" < "$page")
  [ "$(json "d['hasMore']" < "$page")" = "False" ] && break
done
rm -f "$page"
echo "first sync of $OFFICIAL: $pages pages, $sync_bytes bytes on the wire, $sync_ms ms"
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
