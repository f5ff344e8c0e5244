#!/usr/bin/env bash
# Where a real application's start-up waits for the agent: starts the app under Vigil with JFR sampling every
# millisecond, dumps the recording at the first 200 on its ready path, ROUNDS times, and files the samples of the
# app's main thread under the agent's header filter, Byte Buddy's transformations, other agent code, or none
# (startup/StartProfile.java), with the innermost frames of each. Run it before and after a start-up change;
# firstresponse.sh gives the times themselves. Writes benchmarks/overhead/results/<timestamp>-start-profile-<app>.md
# and prints it. Not a test.
#
#   APP=quarkus SKIP_BUILD=1 benchmarks/overhead/startprofile.sh
#   APP=shop ROUNDS=5 VIGIL_JAR=../before/vigil-agent.jar SKIP_BUILD=1 benchmarks/overhead/startprofile.sh
#
# Environment (defaults in brackets): APP, APP_JAR as in run.sh (profiles.sh); ROUNDS [3];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

ROUNDS=${ROUNDS:-3}
prepare_jars "B"
new_run start-profile
app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT

jfr_settings_every_ms "$work/every-ms.jfc"

recordings=()
echo "==> $APP under $VIGIL_JAR with JFR, $ROUNDS start(s) to the first 200"
for round in $(seq 1 "$ROUNDS"); do
  port=$(free_port); metrics_port=$(free_port)
  variant_options B "$metrics_port"
  t0=$EPOCHREALTIME
  # shellcheck disable=SC2046,SC2086
  java $JAVA_OPTS "-XX:StartFlightRecording=settings=$work/every-ms.jfc" "${agent[@]}" $(port_option "$port") \
    -jar "$APP_JAR" $(port_argument "$port") >"$work/$round.log" 2>&1 &
  app_pid=$!
  wait_for_200 "$app_pid" "$port" "$ready_path" "$t0" "round $round (see $work/$round.log)" || exit 1
  t1=$EPOCHREALTIME
  jcmd "$app_pid" JFR.dump filename="$PWD/$work/$round.jfr" >/dev/null
  stop "$app_pid"; app_pid=
  recordings+=("$work/$round.jfr")
  awk -v a="$t0" -v b="$t1" -v r="$round" 'BEGIN { printf "  round %s: first 200 after %.3f s (JFR on)\n", r, b - a }'
done

out=benchmarks/overhead/results/$stamp-start-profile-$APP.md
{
  echo "# Where the start-up waits for the agent: $APP"
  echo
  echo "- \`$APP_JAR\` under \`$VIGIL_JAR\`; JFR from launch to the first 200 on \`$ready_path\`, Java samples every 1 ms"
  echo "- $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | sed 's/^/JDK /'); $(nproc) CPUs; JAVA_OPTS: \`$JAVA_OPTS\`"
  echo
} >"$out"
java "$here/startup/StartProfile.java" "$work/table.md" "${recordings[@]}"
cat "$work/table.md" >>"$out"
cat "$out"
