#!/usr/bin/env bash
# What metrics cost a request: the server's CPU time per request without METRICS_TOKEN ("off") and
# with it ("on"), on the ceiling route and unread-count/. An off and an on server run side by side
# and take turns under short wrk bursts, the order swapped every pair, so a machine that slows down
# (another tenant on shared cores, a frequency change) weighs on both alike. Two processes of the
# same build also differ by a few per cent for their whole life, so each block starts a new pair
# of servers, which of them starts first and takes the first port swapped every block. CPU time
# comes from /proc/<pid>/stat around each burst: it moves far less with other load than requests
# per second. The servers run on the second core and wrk on the first (taskset), which takes the
# scheduler's moves out of the figures. METRICS_COST_SAME=1 starts both servers without metrics: the spread of that result
# is the method's own. Needs wrk (Debian: apt-get install wrk) and a built server
# (npm run build --workspace apps/server).
# Usage: bench/metrics-cost.sh [blocks, default 8] [pairs per route in a block, default 3] [seconds per burst, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
blocks="${1:-8}"
pairs="${2:-3}"
seconds="${3:-2}"
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
# burst NAME ROUTE SECONDS -> "ticks requests"
burst() {
  local before after out
  before=$(cpu_ticks "$1")
  out=$(taskset -c "$wrk_core" wrk -t1 -c32 -d"$3"s -H "authorization: Bearer ${token[$1]}" "http://127.0.0.1:${port[$1]}$2")
  after=$(cpu_ticks "$1")
  echo "$((after - before)) $(echo "$out" | awk '/requests in/ {print $1}')"
}

# Runs in the pipeline's subshell, which holds the servers: its own trap stops them.
measure() {
trap stop_all EXIT
echo "block route pair off_us_per_request on_us_per_request"
for block in $(seq 1 "$blocks"); do
  start_pair "$block"
  for route in /api/ping/ /api/communications/notifications/unread-count/; do
    for name in off on; do burst "$name" "$route" 3 >/dev/null; done # warm up both
    for pair in $(seq 1 "$pairs"); do
      order="off on"
      if [ $((pair % 2)) -eq 0 ]; then order="on off"; fi
      declare -A us
      for name in $order; do
        read -r ticks requests < <(burst "$name" "$route" "$seconds")
        us[$name]=$(echo "scale=2; $ticks * 1000000 / $tick / $requests" | bc)
      done
      echo "$block $route $pair ${us[off]} ${us[on]}"
    done
  done
  stop_all
done
}

measure | tee /dev/stderr | awk '
  NR > 1 {
    off[$2] = off[$2] " " $4; on[$2] = on[$2] " " $5
    ratio = $5 / $4; sum[$2] += ratio; squares[$2] += ratio * ratio; n[$2]++
  }
  function median(list,   values, count, i, j, t) {
    count = split(list, values, " ")
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (values[j] < values[i]) { t = values[i]; values[i] = values[j]; values[j] = t }
    return count % 2 ? values[(count + 1) / 2] : (values[count / 2] + values[count / 2 + 1]) / 2
  }
  END {
    print ""
    print "route: median CPU per request off -> on; on/off over the pairs, mean +- standard error"
    for (route in off) {
      mean = sum[route] / n[route]
      error = sqrt((squares[route] / n[route] - mean * mean) / (n[route] - 1))
      printf "%s: %.1f -> %.1f us; %+.1f %% +- %.1f\n", route, median(off[route]), median(on[route]), (mean - 1) * 100, error * 100
    }
  }'
