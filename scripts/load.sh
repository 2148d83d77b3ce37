#!/usr/bin/env bash
# The load benchmark (not a test). Against a running service — `ZOUFANG_DEMO_ZONE_SCALE=1.0 scripts/run.sh`
# (300 groups, 10,000 enterprises, three years of history) — it drives a generated official's hot paths
# with wrk (Debian's package) and, in the same run, a minimal endpoint of the same service as the
# baseline, then prints a Markdown table: requests/s, p50, p99, and throughput against the baseline.
# wrk is closed-loop: each path runs at the highest rate CONNECTIONS connections get, latencies are at
# that rate.
#
# Environment: BASE (http://127.0.0.1:8080), DURATION (20s), CONNECTIONS (16), OFFICIAL (15000000001).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-http://127.0.0.1:8080}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
OFFICIAL=${OFFICIAL:-15000000001}
PASSWORD=${ZOUFANG_DEMO_PASSWORD:-Zoufang@2026}

command -v wrk > /dev/null || { echo "需要 wrk（Debian: sudo apt-get install wrk）" >&2; exit 1; }

json() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"phone\":\"$OFFICIAL\",\"password\":\"$PASSWORD\"}" | json "d['accessToken']")
auth=(-H "Authorization: Bearer $TOKEN")
ENTERPRISE=$(curl -sf "${auth[@]}" "$BASE/api/v1/enterprises?limit=1" | json "d['items'][0]['id']")
ISSUE=$(curl -sf "${auth[@]}" "$BASE/api/v1/issues?limit=1" | json "d['items'][0]['id']")
# A delta sync from a cursor the phone got a moment ago (the common case), after a full first sync.
CURSOR=""
while :; do
  page=$(curl -sf "${auth[@]}" "$BASE/api/v1/sync?limit=1000${CURSOR:+&cursor=$CURSOR}")
  CURSOR=$(echo "$page" | json "d['cursor']")
  [ "$(echo "$page" | json "d['hasMore']")" = "False" ] && break
done
export TOKEN ENTERPRISE TODAY
TODAY=$(TZ=Asia/Shanghai date +%F)

run() { # name, script, url
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "scripts/load/$2" "$3")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  local errors
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$1|$rps|$p50|$p99|${errors:-0}"
}

results=()
results+=("$(run "baseline: GET /q/health/live" get.lua "$BASE/q/health/live")")
results+=("$(run "my enterprises: GET /api/v1/enterprises" get.lua "$BASE/api/v1/enterprises?limit=20")")
results+=("$(run "ledger: GET /api/v1/issues" get.lua "$BASE/api/v1/issues?limit=20")")
results+=("$(run "issue detail: GET /api/v1/issues/{id}" get.lua "$BASE/api/v1/issues/$ISSUE")")
results+=("$(run "inbox: GET /api/v1/inbox" get.lua "$BASE/api/v1/inbox?limit=20")")
results+=("$(run "delta sync: GET /api/v1/sync?cursor=…" get.lua "$BASE/api/v1/sync?limit=200&cursor=$CURSOR")")
results+=("$(run "create visit: POST /api/v1/visits" create-visit.lua "$BASE/api/v1/visits")")

baseline=$(echo "${results[0]}" | cut -d'|' -f2)
echo
echo "Load on $(date -u +%F), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION against $BASE"
echo
echo "| path | requests/s | p50 | p99 | non-2xx | throughput vs baseline |"
echo "| --- | --- | --- | --- | --- | --- |"
for r in "${results[@]}"; do
  IFS='|' read -r name rps p50 p99 errors <<< "$r"
  ratio=$(python3 -c "print(f'{100 * $rps / $baseline:.0f}%')")
  echo "| $name | $rps | $p50 | $p99 | $errors | $ratio |"
done
