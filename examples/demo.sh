#!/usr/bin/env bash
# The demo: build Vigil, start the example shop under the agent, drive traffic, show what the agent sees.
#   examples/demo.sh          build, start, a minute of traffic, then keep running until Ctrl-C
#   examples/demo.sh --once   build, start, 15 s of traffic, print the metric series, stop
# Needs only a JDK 17+ and Maven. Ports: APP_PORT (8080) and METRICS_PORT (9464).
set -euo pipefail
cd "$(dirname "$0")/.."

once=false
[ "${1:-}" = "--once" ] && once=true
app_port=${APP_PORT:-8080}
metrics_port=${METRICS_PORT:-9464}
logs=target/demo
mkdir -p "$logs"

echo "==> building the agent and the example shop"
mvn -B -q -pl agent,examples/httpserver-app -am package -DskipTests

echo "==> starting the shop under -javaagent:agent/target/vigil-agent.jar"
java -javaagent:agent/target/vigil-agent.jar \
  -Dvigil.metrics.port="$metrics_port" -Dapp.port="$app_port" \
  -jar examples/httpserver-app/target/httpserver-app.jar >"$logs/app.log" 2>"$logs/agent.log" &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  grep -q READY "$logs/app.log" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { echo "the shop did not start:"; cat "$logs/app.log" "$logs/agent.log"; exit 1; }
  sleep 0.2
done
grep -q READY "$logs/app.log" || { echo "the shop did not start in 20 s:"; tail "$logs/app.log" "$logs/agent.log"; exit 1; }

seconds=60
$once && seconds=15
echo "==> sending ${seconds} s of traffic to http://127.0.0.1:$app_port"
java examples/demo/Traffic.java "$app_port" "$seconds"

metrics=$(java examples/demo/Scrape.java "$metrics_port")
echo
echo "==> series at http://127.0.0.1:$metrics_port/metrics"
echo "$metrics" | grep -v '^#' | sed -e 's/[{ ].*//' | sort -u | sed 's/^/    /' || true
echo
echo "==> requests per route (http_server_request_duration_seconds_count)"
echo "$metrics" | grep '^http_server_request_duration_seconds_count' | sed -e 's/^[^{]*{//' -e 's/,service_name="[^"]*"//' -e 's/} / /' | sed 's/^/    /' || true
echo
echo "==> queries per statement shape (db_client_operation_duration_seconds_count)"
echo "$metrics" | grep '^db_client_operation_duration_seconds_count' | sed -e 's/^[^{]*{//' -e 's/,service_name="[^"]*"//' -e 's/} / /' | sed 's/^/    /' || true
echo
echo "==> N+1 and slow statements the agent found (its log: $logs/agent.log)"
echo "$metrics" | grep -E '^vigil_db_(n_plus_one|slow_queries)_total' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
grep -m 1 '"event":"n_plus_one"' "$logs/agent.log" | sed 's/^/    /' || true
echo
echo "==> an application log line: JSON from the app's own Logback, with the trace the agent put in its MDC"
grep -m 1 '"trace_id"' "$logs/app.log" | sed 's/^/    /' || true
echo
echo "The shop:          http://127.0.0.1:$app_port/items"
echo "The agent:         http://127.0.0.1:$metrics_port/  (metrics: /metrics)"
echo "The shop's log:    $logs/app.log (JSON, one event per line)"
echo "The agent's log:   $logs/agent.log (JSON, one event per line)"

if ! $once; then
  echo
  echo "Running; press Ctrl-C to stop."
  wait "$app_pid"
fi
