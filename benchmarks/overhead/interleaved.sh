#!/usr/bin/env bash
# CPU per request at steady state, interleaved: the app with no agent (A), under Vigil (B) and under the
# OpenTelemetry Java agent (C) run at the same time on the same pinned CPU; each is warmed up until its JIT
# is quiet, then they take the load in turn, BURST seconds each, BURSTS times. A machine whose speed drifts
# over minutes (a shared host) slows the three alike, where run.sh's sequential runs can read it as overhead.
# Writes benchmarks/overhead/results/<timestamp>-interleaved-<app>.md and prints it. Not a test.
#
#   APP=shop SKIP_BUILD=1 benchmarks/overhead/interleaved.sh
#
# Environment (defaults in brackets): APP, APP_JAR, URLS as in run.sh (profiles.sh); VARIANTS [A B C];
#   WARMUP [20] s of load each, then 5 s windows until the compiler threads use under 2% of one, at most
#   STEADY_MAX [240] s; BURSTS [20]; BURST [3] s; CONNECTIONS [16]; THREADS [1];
#   JAVA_OPTS [-Xms512m -Xmx512m -XX:+UseG1GC]; VIGIL_JAR; OTEL_JAR; SKIP_BUILD=1. Variant P is Vigil from
#   BASELINE_JAR, another build: VARIANTS="A P B" measures a change against the build before it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

VARIANTS=${VARIANTS:-A B C}
WARMUP=${WARMUP:-20}
STEADY_MAX=${STEADY_MAX:-240}
BURSTS=${BURSTS:-20}
BURST=${BURST:-3}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}

prepare_jars "$VARIANTS"
choose_app_cpu
ticks_per_second=$(getconf CLK_TCK)

new_run interleaved

declare -A pid port
cleanup() { for v in "${!pid[@]}"; do kill "${pid[$v]}" 2>/dev/null || true; done; }
trap cleanup EXIT

for v in $VARIANTS; do
  port[$v]=$(free_port); metrics_port=$(free_port)
  variant_options "$v" "$metrics_port"
  launched=$EPOCHREALTIME
  # shellcheck disable=SC2046,SC2086
  java $JAVA_OPTS "${agent[@]}" $(port_option "${port[$v]}") -jar "$APP_JAR" $(port_argument "${port[$v]}") \
    >"$work/$v.log" 2>&1 &
  pid[$v]=$!
  wait_for_200 "${pid[$v]}" "${port[$v]}" "$ready_path" "$launched" "$v (see $work/$v.log)" || exit 1
  taskset -a -p -c "$app_cpu" "${pid[$v]}" >/dev/null
  echo "==> $v ready on port ${port[$v]}"
done

declare -A warm
for v in $VARIANTS; do
  t0=$SECONDS
  load "${port[$v]}" "$WARMUP" >/dev/null
  load_window() { load "${port[$v]}" 5 >/dev/null; }
  wait_for_quiet_jit "${pid[$v]}" "$STEADY_MAX"
  warm[$v]=$((SECONDS - t0))
  echo "==> $v warmed up in ${warm[$v]} s"
done

declare -A cpu requests
raw=$work/bursts.tsv
echo -e "burst\tvariant\trequests\tapp_ticks" >"$raw"
for b in $(seq "$BURSTS"); do
  for v in $VARIANTS; do
    c0=$(thread_ticks "${pid[$v]}" app); n=$(load "${port[$v]}" "$BURST"); c1=$(thread_ticks "${pid[$v]}" app)
    cpu[$v]=$(( ${cpu[$v]:-0} + c1 - c0 )); requests[$v]=$(( ${requests[$v]:-0} + n ))
    echo -e "$b\t$v\t$n\t$((c1 - c0))" >>"$raw"
  done
done

us_per_request() { awk -v c="${cpu[$1]}" -v n="${requests[$1]}" -v hz="$ticks_per_second" 'BEGIN { printf "%.1f", c / hz * 1e6 / n }'; }
# The median over bursts of B's (or C's) CPU per request minus A's in the same burst: the spread of the
# per-burst differences tells how far to trust the total.
burst_diffs() { # variant -> "median p10 p90"
  awk -F'\t' -v v="$1" -v hz="$ticks_per_second" 'NR > 1 { us[$1, $2] = $4 / hz * 1e6 / $3; last = $1 }
    END { for (b = 1; b <= last; b++) printf "%.1f\n", us[b, v] - us[b, "A"] }' "$raw" | sort -g \
    | awk '{ d[NR] = $1 } END { printf "%s %s %s", d[int((NR + 1) / 2)], d[int(NR * 0.1) + 1], d[int(NR * 0.9)] }'
}

out=benchmarks/overhead/results/$stamp-interleaved-$APP.md
{
  echo "# CPU per request at steady state, interleaved: $APP"
  echo
  echo "- app: $APP ($APP_JAR); variants: $VARIANTS ($(for v in $VARIANTS; do printf '%s%s' "${sep:-}" "$(variant_name "$v")"; sep=', '; done))"
  echo "- all JVMs on CPU $app_cpu at once, wrk -t$THREADS -c$CONNECTIONS on the others; each warmed up ($WARMUP s, then until its JIT compiler threads used under 2% of a 5 s window, at most $STEADY_MAX s more), then $BURSTS rounds of $BURST s of load each, in turn"
  echo "- CPU: the application's and agents' threads (JIT, GC and VM threads left out), from /proc; JVM options \`$JAVA_OPTS\`; $(java -version 2>&1 | sed -n 2p); $stamp"
  echo
  echo "| variant | warm-up (s) | requests | CPU per request (µs) | added (µs) | added, median of bursts [p10, p90] (µs) | throughput loss on a saturated CPU |"
  echo "|---|---|---|---|---|---|---|"
  a=$(us_per_request A)
  for v in $VARIANTS; do
    u=$(us_per_request "$v")
    if [ "$v" = A ]; then
      echo "| A | ${warm[A]} | ${requests[A]} | $u | | | |"
    else
      read -r med p10 p90 <<<"$(burst_diffs "$v")"
      echo "| $v | ${warm[$v]} | ${requests[$v]} | $u | $(awk -v u="$u" -v a="$a" 'BEGIN { printf "%+.1f", u - a }') | $med [$p10, $p90] | $(awk -v u="$u" -v a="$a" 'BEGIN { printf "%.1f%%", (1 - a / u) * 100 }') |"
    fi
  done
  bar=; case "$APP" in httpserver) bar=3 ;; shop) bar=10 ;; esac
  if [ -n "$bar" ] && [[ " $VARIANTS " == *" B "* ]]; then
    added=$(awk -v u="$(us_per_request B)" -v a="$a" 'BEGIN { printf "%.1f", u - a }')
    loss=$(awk -v u="$(us_per_request B)" -v a="$a" 'BEGIN { printf "%.1f", (1 - a / u) * 100 }')
    echo
    echo "**Verdict, CPU per request:** $(awk -v x="$added" -v b="$bar" 'BEGIN { print (x < b ? "PASS" : "FAIL") }'). Vigil adds $added µs (bar for this app: under $bar µs)."
    echo
    echo "**Verdict, throughput on a saturated CPU:** $(awk -v x="$loss" 'BEGIN { print (x < 3 ? "PASS" : "FAIL") }'). Vigil's CPU per request costs $loss% of the throughput (bar: under 3%)."
  fi
} >"$out"
cat "$out"
echo
echo "==> written to $out (bursts: $raw)"
