#!/usr/bin/env bash
# The load benchmark (not a test). Against a running service — `ZOUFANG_DEMO_ZONE_SCALE=1.0 scripts/run.sh`
# (300 groups, 10,000 enterprises, three years of history) — it drives a generated official's hot paths
# with wrk (Debian's package) and, in the same run, a minimal endpoint of the same service as the
# baseline, then prints a Markdown table: requests/s, p50, p99, and throughput against the baseline and
# against the smallest authenticated read (GET /api/v1/me: the token checked, one row by key).
# Per path: a warm-up (the JIT compiles the path; not measured), then the highest rate CONNECTIONS
# connections get (closed loop: the next request leaves when the answer arrives), then for reads the
# latency at a fixed RATE, for creating a visit at WRITE_RATE (scripts/load/paced.lua; wrk measures from
# each request's send, so a stall that delays sends is under-counted — the paced figures are a floor for
# p99, not wrk2's exact ones). Visits are created by another official (WRITER, in another group): each run
# leaves tens of thousands of planned visits, which would otherwise be in OFFICIAL's every later snapshot.
#
# One account makes all the reads: start the service with its per-account limits raised
# (`ZOUFANG_WEB_RATE_LIMIT_SCALE=10000 ZOUFANG_DEMO_ZONE_SCALE=1.0 scripts/run.sh`), or the sync and create
# paths answer 429 after their first few hundred requests.
#
# Environment: BASE (http://127.0.0.1:8080), MANAGEMENT_BASE (http://127.0.0.1:9001), DURATION (20s),
# WARMUP (10s), CONNECTIONS (16), RATE (500), WRITE_RATE (300), PACED_CONNECTIONS (32), OFFICIAL (15000000001),
# WRITER (15000000100).
set -euo pipefail
cd "$(dirname "$0")/.."
BASE=${BASE:-http://127.0.0.1:8080}
# Health answers on the management interface, a port of its own.
MANAGEMENT_BASE=${MANAGEMENT_BASE:-http://127.0.0.1:9001}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-10s}
RATE=${RATE:-500}
WRITE_RATE=${WRITE_RATE:-300}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-32}
THREADS=2
OFFICIAL=${OFFICIAL:-15000000001}
WRITER=${WRITER:-15000000100}
PASSWORD=${ZOUFANG_DEMO_PASSWORD:-Zoufang@2026}

command -v wrk > /dev/null || { echo "需要 wrk（Debian: sudo apt-get install wrk）" >&2; exit 1; }

json() { python3 -c "import sys, json; d = json.load(sys.stdin); print($1)"; }

login() {
  curl -sf -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"phone\":\"$1\",\"password\":\"$PASSWORD\"}" | json "d['accessToken']"
}
TOKEN=$(login "$OFFICIAL")
WRITE_TOKEN=$(login "$WRITER")
auth=(-H "Authorization: Bearer $TOKEN")
ENTERPRISE=$(curl -sf -H "Authorization: Bearer $WRITE_TOKEN" "$BASE/api/v1/enterprises?limit=1" | json "d['items'][0]['id']")
ISSUE=$(curl -sf "${auth[@]}" "$BASE/api/v1/issues?limit=1" | json "d['items'][0]['id']")
# A delta sync from a cursor the phone got a moment ago (the common case), after a full first sync.
CURSOR=""
while :; do
  page=$(curl -sf "${auth[@]}" "$BASE/api/v1/sync?limit=1000${CURSOR:+&cursor=$CURSOR}")
  CURSOR=$(echo "$page" | json "d['cursor']")
  [ "$(echo "$page" | json "d['hasMore']")" = "False" ] && break
done
export TOKEN ENTERPRISE TODAY RATE THREADS PACED_CONNECTIONS
TODAY=$(TZ=Asia/Shanghai date +%F)

# wrk's figures: requests/s, p50, p99, non-2xx answers.
figures() {
  local rps p50 p99 errors
  rps=$(echo "$1" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$1" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$1" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$1" | awk '/Non-2xx/ {print $5}')
  echo "$rps|$p50|$p99|${errors:-0}"
}

run() { # name, script, url, paced (read: at RATE; write: the script's requests at WRITE_RATE, as WRITER)
  local token=$TOKEN
  [ "$4" = write ] && token=$WRITE_TOKEN
  TOKEN=$token wrk -t$THREADS -c"$CONNECTIONS" -d"$WARMUP" -s "scripts/load/$2" "$3" > /dev/null
  local max paced
  max=$(figures "$(TOKEN=$token wrk -t$THREADS -c"$CONNECTIONS" -d"$DURATION" --latency -s "scripts/load/$2" "$3")")
  if [ "$4" = write ]; then
    paced="$(figures "$(TOKEN=$token RATE=$WRITE_RATE SCRIPT=$2 wrk -t$THREADS -c"$PACED_CONNECTIONS" -d"$DURATION" \
      --latency -s scripts/load/paced.lua "$3")")|$WRITE_RATE"
  else
    paced="$(figures "$(wrk -t$THREADS -c"$PACED_CONNECTIONS" -d"$DURATION" --latency -s scripts/load/paced.lua "$3")")|$RATE"
  fi
  echo "$1|$max|$paced"
}

results=()
results+=("$(run "baseline: GET /q/health/live" get.lua "$MANAGEMENT_BASE/q/health/live" read)")
# The smallest read a phone makes: the token checked, one row by key. What every read path pays at least.
results+=("$(run "smallest read: GET /api/v1/me" get.lua "$BASE/api/v1/me" read)")
results+=("$(run "my enterprises: GET /api/v1/enterprises" get.lua "$BASE/api/v1/enterprises?limit=20" read)")
results+=("$(run "ledger: GET /api/v1/issues" get.lua "$BASE/api/v1/issues?limit=20" read)")
results+=("$(run "issue detail: GET /api/v1/issues/{id}" get.lua "$BASE/api/v1/issues/$ISSUE" read)")
results+=("$(run "inbox: GET /api/v1/inbox" get.lua "$BASE/api/v1/inbox?limit=20" read)")
results+=("$(run "delta sync: GET /api/v1/sync?cursor=…" get.lua "$BASE/api/v1/sync?limit=200&cursor=$CURSOR" read)")
results+=("$(run "create visit: POST /api/v1/visits" create-visit.lua "$BASE/api/v1/visits" write)")

baseline=$(echo "${results[0]}" | cut -d'|' -f2)
smallest=$(echo "${results[1]}" | cut -d'|' -f2)
echo
echo "Load on $(date -u +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), wrk and"
echo "the service on the same machine; warm-up $WARMUP per path; most: wrk -t$THREADS -c$CONNECTIONS -d$DURATION;"
echo "paced (reads at $RATE/s, writes at $WRITE_RATE/s): paced.lua -c$PACED_CONNECTIONS -d$DURATION, against $BASE"
echo
echo "| path | most req/s | p50 | p99 | vs baseline | vs smallest read | paced at | req/s | p50 | p99 | non-2xx |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for r in "${results[@]}"; do
  IFS='|' read -r name rps p50 p99 errors prps pp50 pp99 perrors prate <<< "$r"
  ratio=$(python3 -c "print(f'{100 * $rps / $baseline:.0f}%')")
  ratio2=$(python3 -c "print(f'{100 * $rps / $smallest:.0f}%')")
  echo "| $name | $rps | $p50 | $p99 | $ratio | $ratio2 | $prate/s | $prps | $pp50 | $pp99 | $((errors + ${perrors:-0})) |"
done
