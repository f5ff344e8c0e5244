#!/usr/bin/env bash
# Start-up of a real application under each agent, alternated: the time from `java` to the first 200 on the
# app's ready path, and the CPU the JVM had used by then (all its threads: the JIT's and the agent's too),
# with no agent (A), under Vigil (B), under a previous Vigil build (P, BASELINE_JAR) and under the
# OpenTelemetry Java agent (C), ROUNDS times in turn on all CPUs, as a deployment starts. Of that CPU, the
# JIT compiler threads' share is reported apart: an agent's code and the JDK code it runs (class loading,
# the generated classes of lambdas and proxies) are compiled too. Alternating makes a host whose speed
# drifts slow the variants alike; run.sh reads start-up once per round, before its load. Reports medians
# and what each agent adds, with the verdicts of the start-up goals. Writes
# benchmarks/overhead/results/<timestamp>-first-response-<app>.md and prints it. Not a test.
#
#   APP=shop SKIP_BUILD=1 benchmarks/overhead/firstresponse.sh
#   APP=httpserver ROUNDS=20 VARIANTS="A B" benchmarks/overhead/firstresponse.sh
#   APP=shop VARIANTS="A P B" BASELINE_JAR=/path/to/before.jar benchmarks/overhead/firstresponse.sh
#
# Environment (defaults in brackets): APP, APP_JAR as in run.sh (profiles.sh); VARIANTS [A B C]; ROUNDS [10];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; BASELINE_JAR (variant P); P_OPTS (more options for
#   variant P only: with BASELINE_JAR=$VIGIL_JAR and P_OPTS=-Dvigil.jvm-metrics.enabled=false, what a part costs);
#   OTEL_JAR; SKIP_BUILD=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

VARIANTS=${VARIANTS:-A B C}
ROUNDS=${ROUNDS:-10}

prepare_jars "$VARIANTS"
hz=$(getconf CLK_TCK)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=benchmarks/overhead/target/runs/$stamp-first-response
mkdir -p "$work" benchmarks/overhead/results
app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT

start_once() { # variant round -> "wall_s cpu_s jit_cpu_s"
  local port metrics_port agent=() t0 t1 ticks jit
  port=$(free_port); metrics_port=$(free_port)
  variant_options "$1" "$metrics_port"
  t0=$EPOCHREALTIME
  # shellcheck disable=SC2046,SC2086
  java $JAVA_OPTS "${agent[@]}" $(port_option "$port") -jar "$APP_JAR" $(port_argument "$port") \
    >"$work/$2-$1.log" 2>&1 &
  app_pid=$!
  wait_for_200 "$app_pid" "$port" "$ready_path" "$t0" "round $2, variant $1 (see $work/$2-$1.log)" || exit 1
  t1=$EPOCHREALTIME
  ticks=$(cpu_ticks "$app_pid")
  jit=$(thread_ticks "$app_pid" jit)
  stop "$app_pid"; app_pid=
  awk -v a="$t0" -v b="$t1" -v t="$ticks" -v j="$jit" -v hz="$hz" 'BEGIN { printf "%.3f %.2f %.2f\n", b - a, t / hz, j / hz }'
}

echo "==> $APP: $ROUNDS rounds of $VARIANTS, alternated, every other round in reverse (one unmeasured round first)"
printf 'variant\tround\twall_s\tcpu_s\tjit_cpu_s\n' >"$work/runs.tsv"
for round in $(seq 0 "$ROUNDS"); do
  for v in $(round_order "$round"); do
    read -r wall cpu jit <<<"$(start_once "$v" "$round")"
    [ "$round" -ge 1 ] && printf '%s\t%s\t%s\t%s\t%s\n' "$v" "$round" "$wall" "$cpu" "$jit" >>"$work/runs.tsv"
    echo "  round $round $v: first 200 after $wall s, $cpu s CPU ($jit s of it the JIT's)"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -F'\t' -v v="$1" -v c="$2" '$1 == v { print $c }' "$work/runs.tsv"; }
range_of() { column_of "$1" "$2" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s-%s", lo, hi }'; }
declare -A wall cpu jit
for v in $VARIANTS; do
  wall[$v]=$(column_of "$v" 3 | median); cpu[$v]=$(column_of "$v" 4 | median); jit[$v]=$(column_of "$v" 5 | median)
done
name() { case "$1" in A) echo "no agent" ;; B) echo "Vigil" ;; P) echo "Vigil, $(basename "$BASELINE_JAR")" ;; C) echo "OpenTelemetry Java agent $otel_version" ;; esac; }
added() { awk -v x="$1" -v a="$2" 'BEGIN { printf "%+.2f", x - a }'; }
verdict() { awk -v x="$1" -v goal="$2" 'BEGIN { print (x <= goal ? "PASS" : "FAIL") }'; }

out=benchmarks/overhead/results/$stamp-first-response-$APP.md
{
  echo "# Start-up to the first response: $APP"
  echo
  echo "- \`$APP_JAR\`; ready when \`GET $ready_path\` answers 200; $ROUNDS rounds, variants alternated and every other round in reverse, all CPUs"
  echo "- $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | sed 's/^/JDK /'); $(nproc) CPUs; JAVA_OPTS: \`$JAVA_OPTS\`"
  echo
  echo "| variant | first 200, median (s) | min-max | CPU by then, median (s) | min-max | of it the JIT's compiler threads, median (s) | added to the first 200 | added CPU | added JIT CPU |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for v in $VARIANTS; do
    a=; c=; j=
    if [ "$v" != A ] && [ -n "${wall[A]:-}" ]; then
      a=$(added "${wall[$v]}" "${wall[A]}"); c=$(added "${cpu[$v]}" "${cpu[A]}"); j=$(added "${jit[$v]}" "${jit[A]}")
    fi
    echo "| $(name "$v") | ${wall[$v]} | $(range_of "$v" 3) | ${cpu[$v]} | $(range_of "$v" 4) | ${jit[$v]} | ${a:--} | ${c:--} | ${j:--} |"
  done
  if [ -n "${wall[A]:-}" ] && [ -n "${wall[B]:-}" ]; then
    echo
    echo "| goal (Vigil) | measured | verdict |"
    echo "|---|---|---|"
    b_wall=$(added "${wall[B]}" "${wall[A]}"); b_cpu=$(added "${cpu[B]}" "${cpu[A]}")
    echo "| time to first 200 added <= 0.5 s | $b_wall s | $(verdict "$b_wall" 0.5) |"
    echo "| start-up CPU added <= 1 s (set for the shop) | $b_cpu s | $(verdict "$b_cpu" 1) |"
  fi
  echo
  echo "Each run: \`$work/<round>-<variant>.log\`; every figure: \`$work/runs.tsv\`."
} >"$out"
cat "$out"
