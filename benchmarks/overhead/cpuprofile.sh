#!/usr/bin/env bash
# Where the CPU goes on every thread, native frames included: the JIT compiling, class files parsed, verified and
# linked, jars read and inflated, the agent's code, other Java code, the kernel. async-profiler (from Maven Central,
# `event=cpu`) samples each variant, either from launch to the first 200 on the app's ready path (MODE=start,
# ROUNDS starts per variant, alternated and every other round in reverse) or under load once its JIT is quiet
# (MODE=load, one run per variant, pinned to the last CPU with wrk on the others, as loadprofile.sh). JFR
# (startprofile.sh, loadprofile.sh) sees Java frames only; this sees what class loading and the JIT cost too.
# Writes benchmarks/overhead/results/<timestamp>-cpu-profile-<mode>-<app>.md and prints it. Not a test.
#
#   APP=quarkus SKIP_BUILD=1 benchmarks/overhead/cpuprofile.sh
#   APP=httpserver MODE=load SKIP_BUILD=1 benchmarks/overhead/cpuprofile.sh
#   APP=shop VARIANTS="P B" BASELINE_JAR=../before/vigil-agent.jar SKIP_BUILD=1 benchmarks/overhead/cpuprofile.sh
#
# Environment (defaults in brackets): APP, APP_JAR as in run.sh (profiles.sh); MODE [start]; VARIANTS [A B]
#   (A no agent, B Vigil, P BASELINE_JAR, C the OpenTelemetry agent); ROUNDS [3] (start); INTERVAL [500us];
#   WARMUP [20], STEADY_MAX [240], DURATION [20] (load, seconds); ASYNC_PROFILER_VERSION [4.2];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

MODE=${MODE:-start}
VARIANTS=${VARIANTS:-A B}
ROUNDS=${ROUNDS:-3}
INTERVAL=${INTERVAL:-500us}
WARMUP=${WARMUP:-20}
STEADY_MAX=${STEADY_MAX:-240}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
ASYNC_PROFILER_VERSION=${ASYNC_PROFILER_VERSION:-4.2}
case "$MODE" in start|load) ;; *) echo "MODE must be start or load, got '$MODE'" >&2; exit 2 ;; esac
case "$INTERVAL" in *us) interval_ms=$(awk -v v="${INTERVAL%us}" 'BEGIN { print v / 1000 }') ;;
  *ms) interval_ms=${INTERVAL%ms} ;; *) echo "INTERVAL must end in us or ms, got '$INTERVAL'" >&2; exit 2 ;; esac

prepare_jars "$VARIANTS"

# The profiler's native library, from its Maven Central jar, for this machine's architecture.
profiler_dir=benchmarks/overhead/target/async-profiler-$ASYNC_PROFILER_VERSION
case "$(uname -m)" in x86_64) platform=linux-x64 ;; aarch64) platform=linux-arm64 ;;
  *) echo "async-profiler's jar has no library for $(uname -m)" >&2; exit 1 ;; esac
profiler=$PWD/$profiler_dir/$platform/libasyncProfiler.so
if [ ! -f "$profiler" ]; then
  echo "==> copying async-profiler $ASYNC_PROFILER_VERSION from Maven"
  mvn -B -q -N dependency:copy -Dartifact=tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION \
    -DoutputDirectory="$profiler_dir"
  (cd "$profiler_dir" && unzip -q -o "async-profiler-$ASYNC_PROFILER_VERSION.jar" "$platform/libasyncProfiler.so")
fi

new_run "cpu-profile-$MODE"
app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT

# jcmd splits its arguments at commas unless the whole is quoted for it.
profiler_command() { # pid command
  jcmd "$1" JVMTI.agent_load "$profiler" "\"$2\"" >/dev/null
}

declare -A files
if [ "$MODE" = start ]; then
  echo "==> $APP, variants $VARIANTS, $ROUNDS start(s) each to the first 200 under async-profiler ($INTERVAL)"
  for round in $(seq 1 "$ROUNDS"); do
    for v in $(round_order "$round"); do
      port=$(free_port); metrics_port=$(free_port)
      variant_options "$v" "$metrics_port"
      file=$PWD/$work/$round-$v.collapsed
      t0=$EPOCHREALTIME
      # shellcheck disable=SC2086
      java "-agentpath:$profiler=start,event=cpu,interval=$INTERVAL,threads,file=$file,collapsed" $JAVA_OPTS \
        "${agent[@]}" $(port_option "$port") -jar "$APP_JAR" $(port_argument "$port") >"$work/$round-$v.log" 2>&1 &
      app_pid=$!
      wait_for_200 "$app_pid" "$port" "$ready_path" "$t0" "round $round $v (see $work/$round-$v.log)" || exit 1
      t1=$EPOCHREALTIME
      profiler_command "$app_pid" "stop,file=$file,collapsed,threads"
      stop "$app_pid"; app_pid=
      files[$v]="${files[$v]:+${files[$v]},}$file"
      awk -v a="$t0" -v b="$t1" -v r="$round" -v v="$v" 'BEGIN { printf "  round %s %s: first 200 after %.3f s (profiler on)\n", r, v, b - a }'
    done
  done
  what="from launch to the first 200 on \`$ready_path\`, $ROUNDS start(s) per variant, alternated and every other round in reverse, all CPUs"
else
  choose_app_cpu
  for v in $VARIANTS; do
    file=$PWD/$work/$v.collapsed
    start_steady "$v" "$work/$v.log" || exit 1
    profiler_command "$app_pid" "start,event=cpu,interval=$INTERVAL,threads,file=$file,collapsed"
    n=$(load "$port" "$DURATION")
    profiler_command "$app_pid" "stop,file=$file,collapsed,threads"
    stop "$app_pid"; app_pid=
    files[$v]=$file
    echo "==> $v: $n requests in $DURATION s"
  done
  what="under load: each warmed up ($WARMUP s, then until its JIT compiler threads used under 2% of a 5 s window, at most $STEADY_MAX s more), then $DURATION s profiled, pinned to CPU $app_cpu, wrk -t$THREADS -c$CONNECTIONS on the others, URLs: \`$URLS\`"
fi

out=benchmarks/overhead/results/$stamp-cpu-profile-$MODE-$APP.md
args=()
for v in $VARIANTS; do args+=("$v=${files[$v]}"); done
{
  echo "# Where the CPU goes, every thread, native frames included: $APP, $MODE"
  echo
  echo "- \`$APP_JAR\`; variants: $(for v in $VARIANTS; do printf '%s%s' "${sep:-}" "$(variant_name "$v")"; sep=', '; done)"
  echo "- async-profiler $ASYNC_PROFILER_VERSION, \`event=cpu\`, every $INTERVAL of CPU, $what"
  echo "- $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | sed 's/^/JDK /'); $(nproc) CPUs; JAVA_OPTS: \`$JAVA_OPTS\`"
  echo
} >"$out"
java "$here/startup/CpuProfile.java" "$work/table.md" "$interval_ms" "${args[@]}"
cat "$work/table.md" >>"$out"
{
  echo
  echo "Each run's samples: \`$work/\` (collapsed stacks, one file per run)."
} >>"$out"
cat "$out"
