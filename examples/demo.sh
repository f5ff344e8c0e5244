#!/usr/bin/env bash
# The demo: build Vigil, start the example shop (examples/shop: Spring Boot + JPA on an in-memory H2)
# under the agent with its business events (examples/shop/vigil.yaml), drive traffic, show what the agent sees.
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
mvn -B -q -pl agent,examples/shop -am package -DskipTests

echo "==> compiling the shop's alerts (examples/shop/alerts.yaml) for Prometheus and Grafana (examples/compose.yaml)"
rm -f examples/target/alerts/vigil-user-alerts.*
if java -jar agent/target/vigil-agent.jar alerts examples/shop/alerts.yaml -o examples/target/alerts >"$logs/alerts.log" 2>&1 \
    && [ -f examples/target/alerts/vigil-user-alerts.rules.yaml ]; then
  echo "    examples/target/alerts"
else
  echo "    not compiled, the demo goes on without them (see $logs/alerts.log)"
fi

echo "==> starting the shop under -javaagent:agent/target/vigil-agent.jar -Dvigil.config=examples/shop/vigil.yaml -Dvigil.db.explain.enabled=true"
java -javaagent:agent/target/vigil-agent.jar -Dvigil.config=examples/shop/vigil.yaml \
  -Dvigil.db.explain.enabled=true -Dvigil.db.explain.interval-seconds=10 \
  -Dvigil.metrics.port="$metrics_port" \
  -jar examples/shop/target/vigil-shop.jar --server.port="$app_port" >"$logs/app.log" 2>"$logs/agent.log" &
app_pid=$!
trap 'kill "$app_pid" 2>/dev/null || true' EXIT

# The shop logs "READY <port>" once its data is seeded and requests are served.
for _ in $(seq 1 600); do
  grep -q READY "$logs/app.log" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { echo "the shop did not start:"; cat "$logs/app.log" "$logs/agent.log"; exit 1; }
  sleep 0.2
done
grep -q READY "$logs/app.log" || { echo "the shop did not start in 120 s:"; tail "$logs/app.log" "$logs/agent.log"; exit 1; }

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
echo "==> calls to the payment provider (http_client_request_duration_seconds_count; the shop's stub on 127.0.0.1)"
echo "$metrics" | grep '^http_client_request_duration_seconds_count' | sed -e 's/^[^{]*{//' -e 's/,service_name="[^"]*"//' -e 's/} / /' | sed 's/^/    /' || true
echo "    time per route spent in them (vigil_http_server_client_duration_seconds_sum / _count):"
echo "$metrics" | grep -E '^vigil_http_server_client_duration_seconds_(sum|count)' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
echo "    a slow provider: curl -X POST 'http://127.0.0.1:$app_port/admin/faults?paymentDelayMs=800'"
echo
echo "==> N+1 and slow statements the agent found (its log: $logs/agent.log)"
echo "$metrics" | grep -E '^vigil_db_(n_plus_one|slow_queries)_total' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
grep -m 1 '"event":"n_plus_one"' "$logs/agent.log" | sed 's/^/    /' || true
echo
echo "==> data ownership: statements by module (vigil_db_module_operations_total) and reads across a module boundary"
echo "$metrics" | grep -E '^vigil_db_(module_operations|ownership_violations)_total' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
echo "$metrics" | grep -E '^vigil_db_full_scans_total' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
echo
echo "==> business events (vigil_business_events_total; declared in examples/shop/vigil.yaml, payment.authorized from code)"
echo "$metrics" | grep -E '^vigil_business_event(s|_attributes)_total' | sed -e 's/,service_name="[^"]*"//' | sed 's/^/    /' || true
echo
echo "==> an application log line: JSON from the app's own Logback, with the trace the agent put in its MDC"
grep -m 1 '"trace_id"' "$logs/app.log" | sed 's/^/    /' || true
echo
echo "The shop:          http://127.0.0.1:$app_port/  (the N+1: /orders/recent, its fix: /orders/recent-fast)"
echo "The agent:         http://127.0.0.1:$metrics_port/  (overview page; metrics: /metrics, statements: /vigil/queries)"
echo "The audit:         http://127.0.0.1:$metrics_port/vigil/audit  (full scans with their index, the module by table matrix)"
echo "The shop's log:    $logs/app.log (JSON, one event per line)"
echo "The agent's log:   $logs/agent.log (JSON, one event per line)"
echo "Prometheus and Grafana with the dashboards: docker compose -f examples/compose.yaml up -d (see examples/README.md)"

if ! $once; then
  echo
  echo "Running; press Ctrl-C to stop."
  wait "$app_pid"
fi
