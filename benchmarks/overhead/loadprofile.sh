#!/usr/bin/env bash
# Where a real application's requests spend the agent's time: starts the app under Vigil (B) and, with
# VARIANTS="P B", under a previous build too (P, BASELINE_JAR), pinned to one CPU as run.sh does; warms each up
# until its JIT is quiet, then records DURATION seconds of load with JFR sampling every millisecond and files
# the samples of the application's threads under the agent's entry points (load/LoadProfile.java): what a
# request's start, its end, a statement's end... cost, in samples and in microseconds per request. The profile
# before and after a per-request change; interleaved.sh gives the CPU itself. Writes
# benchmarks/overhead/results/<timestamp>-load-profile-<app>.md and prints it. Not a test.
#
#   APP=httpserver SKIP_BUILD=1 benchmarks/overhead/loadprofile.sh
#   APP=shop VARIANTS="P B" BASELINE_JAR=../before/vigil-agent.jar SKIP_BUILD=1 benchmarks/overhead/loadprofile.sh
#
# Environment (defaults in brackets): APP, APP_JAR, URLS as in run.sh (profiles.sh); VARIANTS [B];
#   WARMUP [20] s of load, then 5 s windows until the compiler threads use under 2% of one, at most
#   STEADY_MAX [240] s; DURATION [30] s recorded; CONNECTIONS [16]; THREADS [1];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; BASELINE_JAR; SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

VARIANTS=${VARIANTS:-B}
WARMUP=${WARMUP:-20}
STEADY_MAX=${STEADY_MAX:-240}
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}

prepare_jars "$VARIANTS"
choose_app_cpu
new_run load-profile
app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT

jfr_settings_every_ms "$work/every-ms.jfc"

runs=()
for v in $VARIANTS; do
  start_steady "$v" "$work/$v.log" || exit 1
  jcmd "$app_pid" JFR.start name=load settings="$PWD/$work/every-ms.jfc" >/dev/null
  c0=$(thread_ticks "$app_pid" app)
  n=$(load "$port" "$DURATION")
  c1=$(thread_ticks "$app_pid" app)
  jcmd "$app_pid" JFR.stop name=load filename="$PWD/$work/$v.jfr" >/dev/null
  stop "$app_pid"; app_pid=
  echo "==> $v: $n requests in $DURATION s"
  runs+=("$v=$n:$((c1 - c0)):$work/$v.jfr")
done

out=benchmarks/overhead/results/$stamp-load-profile-$APP.md
{
  echo "# Where the requests spend the agent's time: $APP"
  echo
  echo "- \`$APP_JAR\`, variants: $VARIANTS ($(for v in $VARIANTS; do printf '%s%s' "${sep:-}" "$(variant_name "$v")"; sep=', '; done)); one at a time, pinned to CPU $app_cpu, wrk -t$THREADS -c$CONNECTIONS on the others, URLs: \`$URLS\`"
  echo "- each warmed up ($WARMUP s, then until its JIT compiler threads used under 2% of a 5 s window, at most $STEADY_MAX s more), then $DURATION s recorded by JFR with Java samples every 1 ms"
  echo "- $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | sed 's/^/JDK /'); JAVA_OPTS: \`$JAVA_OPTS\`; CPU per request: the application's and agents' threads (JIT, GC and VM threads left out), from /proc"
  echo
} >"$out"
java "$here/load/LoadProfile.java" "$work/table.md" "$(getconf CLK_TCK)" "${runs[@]}"
cat "$work/table.md" >>"$out"
cat "$out"
