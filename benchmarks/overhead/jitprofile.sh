#!/usr/bin/env bash
# Where the CPU the agent adds to a start goes, beyond the main thread: starts the app without the agent (A) and
# under Vigil (B), alternated, ROUNDS times each, with the JIT's compilation log (-XX:+LogCompilation) and the class
# loading log (-Xlog:class+load), and takes each thread's CPU from /proc until the first 200 on its ready path.
# Then (startup/JitProfile.java) the CPU by thread group at the first 200, what the JIT compiled before it by
# family of code, and the classes loaded by then (from the agent's jar by library, and the classes the JVM
# generates). The logs and the sampling slow every start (a third on Quarkus): firstresponse.sh gives the times.
# Writes benchmarks/overhead/results/<timestamp>-jit-profile-<app>.md and prints it. Not a test.
#
#   APP=quarkus SKIP_BUILD=1 benchmarks/overhead/jitprofile.sh
#   APP=shop ROUNDS=5 SKIP_BUILD=1 benchmarks/overhead/jitprofile.sh
#
# Environment (defaults in brackets): APP, APP_JAR as in run.sh (profiles.sh); ROUNDS [3];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

ROUNDS=${ROUNDS:-3}
prepare_jars "A B"
new_run jit-profile
app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT
hz=$(getconf CLK_TCK)

# Each thread's CPU as last seen, sampled at every poll for the first 200, so that threads which end before it (the
# agent's start-up threads) are counted under their names.
declare -A ticks_of=() name_of=()
sample_threads() { # pid
  local task stat tid fields
  for task in /proc/"$1"/task/*; do
    { read -r stat <"$task/stat"; } 2>/dev/null || continue   # a builtin: no process per thread and poll
    tid=${task##*/}; name_of[$tid]=${stat#*(}; name_of[$tid]=${name_of[$tid]%)*}
    read -r -a fields <<<"${stat##*) }"
    ticks_of[$tid]=$((fields[11] + fields[12]))
  done
}

echo "==> $APP without and with $VIGIL_JAR, $ROUNDS start(s) each to the first 200, alternated"
for round in $(seq 1 "$ROUNDS"); do
  for variant in $(VARIANTS="A B" round_order "$round"); do
    run=$work/$variant-$round
    port=$(free_port); metrics_port=$(free_port)
    variant_options "$variant" "$metrics_port"
    t0=$EPOCHREALTIME
    # shellcheck disable=SC2046,SC2086
    java $JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation "-XX:LogFile=$run.compile.xml" \
      "-Xlog:class+load=info:file=$run.classes:uptime" "${agent[@]}" $(port_option "$port") \
      -jar "$APP_JAR" $(port_argument "$port") >"$run.log" 2>&1 &
    app_pid=$!
    ticks_of=(); name_of=()
    on_poll=sample_threads wait_for_200 "$app_pid" "$port" "$ready_path" "$t0" "$variant round $round (see $run.log)" \
      || exit 1
    t1=$EPOCHREALTIME
    {
      for tid in "${!ticks_of[@]}"; do
        if [ -d "/proc/$app_pid/task/$tid" ]; then
          ticks=$(sed 's/.*) //' "/proc/$app_pid/task/$tid/stat" 2>/dev/null | awk '{print $12 + $13}') || ticks=${ticks_of[$tid]}
          echo "${ticks:-0} ${name_of[$tid]}"
        else
          echo "${ticks_of[$tid]} ended ${name_of[$tid]}"
        fi
      done
      echo "$(cpu_ticks "$app_pid") total"
      echo "$hz hz"
    } >"$run.threads"
    # Stopped normally, so the JVM merges its compiler threads' logs into one file.
    stop "$app_pid"; app_pid=
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >"$run.first200"
    echo "  $variant round $round: first 200 after $(cat "$run.first200") s (logs on)"
  done
done

out=benchmarks/overhead/results/$stamp-jit-profile-$APP.md
{
  echo "# Where the agent's start-up CPU goes: $APP"
  echo
  echo "- \`$APP_JAR\`, A without an agent, B under \`$VIGIL_JAR\`; -XX:+LogCompilation and -Xlog:class+load on, first 200 on \`$ready_path\`"
  echo "- $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | sed 's/^/JDK /'); $(nproc) CPUs; JAVA_OPTS: \`$JAVA_OPTS\`"
  echo
} >"$out"
java "$here/startup/JitProfile.java" "$work/table.md" "$work" "$(basename "$VIGIL_JAR")" "$ROUNDS"
cat "$work/table.md" >>"$out"
cat "$out"
