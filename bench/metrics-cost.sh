#!/usr/bin/env bash
# What metrics cost a request: the server's CPU time per request without METRICS_TOKEN ("off") and
# with it ("on"), on the ceiling route and unread-count/. An off and an on server share one core
# and take their loads at the same moment (a wrk each, on the other core), so whatever slows the
# machine (another tenant on shared cores, a frequency change) slows both alike within the same
# seconds. Two processes of one build also differ by a few per cent for their whole life, so each
# block starts a new pair, which of them starts first and takes the first port swapped every
# block, and the result is the mean over blocks with its standard error. CPU time comes from
# /proc/<pid>/stat around each burst. METRICS_COST_SAME=1 starts both servers without metrics:
# that result is the method's own spread. Needs wrk (Debian: apt-get install wrk) and a built
# server (npm run build --workspace apps/server).
# Usage: bench/metrics-cost.sh [blocks, default 10] [bursts per route in a block, default 3] [seconds per burst, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
blocks="${1:-10}"
bursts="${2:-3}"
seconds="${3:-3}"
tick=$(getconf CLK_TCK)
on_token=metrics-cost-0123456789abcdef
if [ "${METRICS_COST_SAME:-}" = 1 ]; then on_token=; fi
declare -A pid port token
server_core=1
wrk_core=0
if [ "$(nproc)" -lt 2 ]; then server_core=0; fi

start() { # start NAME PORT ENV...
  local name=$1
  port[$name]=$2
  shift 2
  taskset -c "$server_core" env "$@" DATA_DIR=memory:// PORT="${port[$name]}" LOG_LEVEL=warn REMINDER_INTERVAL=0 \
    node --max-semi-space-size=8 --heap-growing-percent=50 --v8-pool-size=1 apps/server/dist/main.js \
    >/dev/null 2>&1 &
  pid[$name]=$!
}
stop_all() {
  kill "${pid[@]}" 2>/dev/null || true
  wait "${pid[@]}" 2>/dev/null || true
}
start_pair() { # start_pair BLOCK
  if [ $(($1 % 2)) -eq 1 ]; then
    start off 8130 METRICS_TOKEN=
    start on 8131 METRICS_TOKEN="$on_token"
  else
    start on 8130 METRICS_TOKEN="$on_token"
    start off 8131 METRICS_TOKEN=
  fi
  for name in off on; do
    for _ in $(seq 1 90); do curl -sf "localhost:${port[$name]}/readyz" >/dev/null && break; sleep 1; done
    token[$name]=$(curl -sf -X POST "localhost:${port[$name]}/api/auth/token/" -H 'content-type: application/json' \
      -d '{"username":"alice","password":"webinar123"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access')
  done
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/${pid[$1]}/stat"; }
wrk_at() { # wrk_at NAME ROUTE SECONDS -> requests
  taskset -c "$wrk_core" wrk -t1 -c32 -d"$3"s -H "authorization: Bearer ${token[$1]}" "http://127.0.0.1:${port[$1]}$2" |
    awk '/requests in/ {print $1}'
}
# burst ROUTE SECONDS -> "off_us_per_request on_us_per_request", both servers loaded at once
burst() {
  local off_before on_before off_requests on_requests
  off_before=$(cpu_ticks off)
  on_before=$(cpu_ticks on)
  wrk_at off "$1" "$2" >"$scratch/off" &
  wrk_at on "$1" "$2" >"$scratch/on"
  wait $!
  off_requests=$(<"$scratch/off")
  on_requests=$(<"$scratch/on")
  echo "$(echo "scale=2; ($(cpu_ticks off) - $off_before) * 1000000 / $tick / $off_requests" | bc)" \
    "$(echo "scale=2; ($(cpu_ticks on) - $on_before) * 1000000 / $tick / $on_requests" | bc)"
}

# Runs in the pipeline's subshell, which holds the servers: its own trap stops them.
measure() {
scratch=$(mktemp -d)
trap 'stop_all; rm -rf "$scratch"' EXIT
echo "block route burst off_us_per_request on_us_per_request"
for block in $(seq 1 "$blocks"); do
  start_pair "$block"
  for route in /api/ping/ /api/communications/notifications/unread-count/; do
    burst "$route" 3 >/dev/null # warm up both
    for round in $(seq 1 "$bursts"); do
      echo "$block $route $round $(burst "$route" "$seconds")"
    done
  done
  stop_all
done
}

# The block is the independent unit: its bursts share two processes.
measure | tee /dev/stderr | awk '
  NR > 1 {
    key = $2 " " $1
    if (!(key in n)) { blocks[$2] = blocks[$2] " " $1 }
    off[key] += $4; on[key] += $5; n[key]++
    all_off[$2] = all_off[$2] " " $4; all_on[$2] = all_on[$2] " " $5
  }
  function median(list,   values, count, i, j, t) {
    count = split(list, values, " ")
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return count % 2 ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
  }
  END {
    print ""
    print "route: median CPU per request off -> on; on/off per block, mean +- standard error over blocks"
    for (route in blocks) {
      count = split(blocks[route], ids, " "); sum = 0; squares = 0
      for (i = 1; i <= count; i++) { ratio = on[route " " ids[i]] / off[route " " ids[i]]; sum += ratio; squares += ratio * ratio }
      mean = sum / count
      error = sqrt((squares / count - mean * mean) * count / (count - 1) / count)
      printf "%s: %.1f -> %.1f us; %+.1f %% +- %.1f (%d blocks)\n", route, median(all_off[route]), median(all_on[route]), (mean - 1) * 100, error * 100, count
    }
  }'
