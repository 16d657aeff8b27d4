#!/usr/bin/env bash
# What metrics cost a request: the server's CPU time per request with and without METRICS_TOKEN,
# on the ceiling route and unread-count/, from /proc/<pid>/stat around a wrk run (CPU per request
# moves far less with other load on the machine than requests per second do). Rounds alternate
# the two, and which of them goes first, so a machine that slows down over the run favours neither. Needs wrk (Debian: apt-get install wrk) and a built server (npm run build --workspace
# apps/server). Usage: bench/metrics-cost.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-4}"
port=8130
tick=$(getconf CLK_TCK)
pid=

start() {
  env "$@" DATA_DIR=memory:// PORT=$port LOG_LEVEL=warn REMINDER_INTERVAL=0 \
    node --max-semi-space-size=8 --heap-growing-percent=50 --v8-pool-size=1 apps/server/dist/main.js >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do curl -sf "localhost:$port/readyz" >/dev/null && return; sleep 1; done
  echo "the server did not start" >&2
  exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

echo "round metrics route requests/s cpu_us/request"
for round in $(seq 1 "$rounds"); do
  order="off on"
  if [ $((round % 2)) -eq 0 ]; then order="on off"; fi
  for metrics in $order; do
    if [ "$metrics" = on ]; then start METRICS_TOKEN=metrics-cost-0123456789abcdef; else start METRICS_TOKEN=; fi
    token=$(curl -s -X POST "localhost:$port/api/auth/token/" -H 'content-type: application/json' \
      -d '{"username":"alice","password":"webinar123"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access')
    for route in /api/ping/ /api/communications/notifications/unread-count/; do
      wrk -t1 -c32 -d3s -H "authorization: Bearer $token" "http://127.0.0.1:$port$route" >/dev/null
      before=$(cpu_ticks)
      out=$(wrk -t1 -c32 -d8s -H "authorization: Bearer $token" "http://127.0.0.1:$port$route")
      after=$(cpu_ticks)
      requests=$(echo "$out" | awk '/requests in/ {print $1}')
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      echo "$round $metrics $route $rps $(echo "scale=1; ($after - $before) * 1000000 / $tick / $requests" | bc)"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
  done
done
