#!/usr/bin/env bash
# Overhead benchmark: the example app with no agent (A), under Vigil (B) and under the OpenTelemetry
# Java agent (C), alternated A B C A B C ... for ROUNDS rounds. Each run measures startup (wall and
# CPU to the first HTTP 200), RSS idle, then throughput, latency, CPU, allocation and RSS under a
# fixed wrk load, and once idle the threads kept, the live heap and the JVM's committed memory after a
# full GC. Writes a markdown table to benchmarks/overhead/results/<timestamp>.md and prints it.
# Not a test: run it by hand, on a machine as quiet as you can get. See benchmarks/README.md.
#
#   benchmarks/overhead/run.sh                      # build, then 3 rounds of 15 s warm-up + 30 s load
#   SKIP_BUILD=1 ROUNDS=2 DURATION=15s benchmarks/overhead/run.sh
#
# Environment (defaults in brackets):
#   APP          httpserver | shop | quarkus | servlet | webflux
#                [shop if examples/shop/target/vigil-shop.jar exists, else httpserver]
#   APP_JAR      the app's jar      [the profile's jar]
#   URLS         space-separated paths wrk cycles through  [the profile's mix]
#   ROUNDS [3]  DURATION [30s]  WARMUP [15s]  CONNECTIONS [16]  THREADS [1]  IDLE [5] (s before RSS idle)
#   STEADY_MAX [180] after WARMUP, more load in 5 s windows until the JIT compiler threads use under 2% of a
#                window (steady state), for at most this many seconds (0: no such wait)
#   SCRAPE [15]  seconds between scrapes of the agent's metrics endpoint during load (0: never)
#   PIN [auto]   1: after startup, the app on the last CPU, wrk and the scraper on the others;
#                0: no pinning; auto: 1 on 2+ CPUs
#   JAVA_OPTS    JVM options for every run  [-Xms512m -Xmx512m -XX:+UseG1GC]
#   VIGIL_JAR    [agent/target/vigil-agent.jar]
#   OTEL_JAR     [benchmarks/overhead/target/opentelemetry-javaagent-2.33.1.jar, copied from Maven]
#   SKIP_BUILD=1 do not build the agent and the app first
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

source "$here/lib.sh"
source "$here/profiles.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
IDLE=${IDLE:-5}
STEADY_MAX=${STEADY_MAX:-180}
SCRAPE=${SCRAPE:-15}
PIN=${PIN:-auto}

prepare_jars "A B C"

# wrk is Debian's package; install it the way .ci/run installs promtool.
if ! command -v wrk >/dev/null; then
  if command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; then
    echo "installed wrk"
  else
    echo "the overhead benchmark needs wrk: installing Debian's wrk package failed; install it by hand: apt-get install wrk" >&2
    exit 1
  fi
fi

# Pinning: on a small machine the load generator and the app fight for the same CPUs, and the
# scheduler decides who wins differently from run to run. Giving the app its own CPU (and wrk the
# rest) makes runs comparable; the agents run inside the app, so they share the app's CPU, as they
# would in a one-CPU container. The JVM then sizes itself for one CPU, hence -XX:+UseG1GC in JAVA_OPTS.
cpus=$(nproc)
[ "$PIN" = auto ] && { [ "$cpus" -ge 2 ] && PIN=1 || PIN=0; }
if [ "$PIN" = 1 ]; then
  app_cpus=$((cpus - 1)); load_cpus=0; [ "$cpus" -gt 2 ] && load_cpus=0-$((cpus - 2))
  on_load_cpus=(taskset -c "$load_cpus")
  pinning="startup on all CPUs; under load the app on CPU $app_cpus, wrk and scraper on CPU $load_cpus"
else
  on_load_cpus=()
  pinning="no pinning ($cpus CPUs shared)"
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=benchmarks/overhead/target/runs/$stamp
mkdir -p "$work" benchmarks/overhead/results
raw=$work/raw.tsv
printf 'variant\tround\tstartup_wall_s\tstartup_cpu_s\trss_idle_kb\twarmup_s\trps\tp50_us\tp99_us\tcpu_us_per_request\tapp_cpu_us_per_request\talloc_mb_per_s\talloc_kb_per_request\tlive_heap_mb\tcommitted_mb\trss_load_kb\tthreads_idle\terrors\n' >"$raw"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
ticks_per_second=$(getconf CLK_TCK)

# "uptime_s used_kb pauses" from the JVM's perf counters (jstat reads a shared file; nothing is
# attached to the app). pauses counts young, full and remark/cleanup pauses, one GC-log line each.
heap_snapshot() {
  "${on_load_cpus[@]}" jstat -gc -t "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { print $col["Timestamp"], $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"],
              $col["YGC"] + $col["FGC"] + (col["CGC"] ? $col["CGC"] : 0) }'
}

# Bytes allocated between two heap snapshots, from the GC log: every pause "B->A" in between freed
# what was allocated since the previous one, so allocation = (B1 - start) + sum(Bi - A(i-1)) + (end - An).
# Pauses are picked by their number, not by time: jstat's clock has a 0.1 s resolution.
# Prints the megabytes allocated.
allocation_mb() { # gc.log start_uptime start_kb start_pauses end_uptime end_kb end_pauses
  awk -v u0="$3" -v n0="$4" -v u1="$6" -v n1="$7" '
    function mb(s) { n = s + 0; if (s ~ /K$/) n /= 1024; if (s ~ /G$/) n *= 1024; return n }
    BEGIN { prev = u0 / 1024 }
    match($0, /[0-9]+[KMG]->[0-9]+[KMG]\(/) {
      pauses++
      if (pauses <= n0 || pauses > n1) next
      split(substr($0, RSTART, RLENGTH - 1), ba, "->")
      allocated += mb(ba[1]) - prev; prev = mb(ba[2])
    }
    END {
      if (pauses < n1) { print "the GC log has fewer pauses than jstat counted" > "/dev/stderr"; exit 1 }
      allocated += u1 / 1024 - prev; printf "%.1f\n", allocated
    }' "$1"
}

app_pid=
trap 'if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi' EXIT
trap 'echo "run.sh: failed at line $LINENO" >&2' ERR

run_one() { # variant round
  local variant=$1 round=$2 dir="$work/$2-$1" port metrics_port agent=() pid t0 t1 status
  mkdir -p "$dir"
  port=$(free_port); metrics_port=$(free_port)
  variant_options "$variant" "$metrics_port"
  t0=$EPOCHREALTIME
  # Native memory tracking (summary) in every variant: the JVM's committed memory after the load, by area. Its cost
  # is a counter per native allocation, which a Java request path at steady state hardly makes.
  # shellcheck disable=SC2046,SC2086
  java $JAVA_OPTS -XX:NativeMemoryTracking=summary "-Xlog:gc:file=$dir/gc.log:uptime" "${agent[@]}" $(port_option "$port") \
    -jar "$APP_JAR" $(port_argument "$port") >"$dir/stdout.log" 2>"$dir/stderr.log" &
  pid=$!; app_pid=$pid
  # Startup ends at the first 200 on the ready path; 10 ms polling (and 10 ms CPU ticks) bound the error.
  wait_for_200 "$pid" "$port" "$ready_path" "$t0" "run $round-$variant (see $dir)" || { stop "$pid"; exit 1; }
  t1=$EPOCHREALTIME
  local startup_cpu_ticks startup_wall
  startup_cpu_ticks=$(cpu_ticks "$pid")
  startup_wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')

  # Startup ran on every CPU, as a deployment would; the load phase pins the app (all its threads).
  [ "$PIN" = 1 ] && taskset -a -p -c "$app_cpus" "$pid" >/dev/null
  sleep "$IDLE"   # let background start-up work (agents initialise lazily) finish before "idle"
  local rss_idle; rss_idle=$(rss_kb "$pid")

  export WRK_PATHS=$URLS
  local warm_start=$EPOCHREALTIME
  "${on_load_cpus[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$here/mix.lua" "http://127.0.0.1:$port" >"$dir/warmup.txt"
  load_window() { "${on_load_cpus[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$here/mix.lua" "http://127.0.0.1:$port" >>"$dir/warmup.txt"; }
  wait_for_quiet_jit "$pid" "$STEADY_MAX"
  local warmup_s; warmup_s=$(awk -v a="$warm_start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')

  local heap0 heap1 cpu0 cpu1 app0 app1 scraper=
  heap0=$(heap_snapshot "$pid"); cpu0=$(cpu_ticks "$pid"); app0=$(thread_ticks "$pid" app)
  if [ "$variant" != A ] && [ "$SCRAPE" -gt 0 ]; then
    # As Prometheus would: the exposition is part of an agent's cost.
    (while sleep "$SCRAPE"; do "${on_load_cpus[@]}" curl -s -o /dev/null "http://127.0.0.1:$metrics_port/metrics" || true; done) &
    scraper=$!
  fi
  "${on_load_cpus[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$here/mix.lua" "http://127.0.0.1:$port" >"$dir/wrk.txt"
  [ -n "$scraper" ] && stop "$scraper"
  cpu1=$(cpu_ticks "$pid"); app1=$(thread_ticks "$pid" app); heap1=$(heap_snapshot "$pid")
  local rss_load; rss_load=$(rss_kb "$pid")
  # Threads once idle again (an agent's timers end a few seconds after the last request: Vigil's exemplar timer
  # up to 12 s, the 7 s an exemplar is kept plus 5 s idle); B and C minus A
  # are the threads each agent keeps.
  sleep 15
  local threads_idle; threads_idle=$(ls "/proc/$pid/task" | wc -l)
  # Their names too (digits left out: pools are numbered in start order), to tell the threads an agent added from
  # the application's own, whose count can differ by one between runs (a pool thread timed out or not yet).
  cat /proc/"$pid"/task/*/comm 2>/dev/null | sed 's/[0-9]//g' | sort >"$dir/thread-names.txt" || true
  # The live heap: what is left after a full collection (jcmd attaches, but only once the load is over).
  "${on_load_cpus[@]}" jcmd "$pid" GC.run >/dev/null
  local live_heap; live_heap=$(heap_snapshot "$pid" | awk '{ printf "%.1f", $2 / 1024 }')
  # What the JVM has committed then (heap, classes, code, threads, the GC's and the JIT's own memory), by area.
  "${on_load_cpus[@]}" jcmd "$pid" VM.native_memory summary >"$dir/nmt.txt" 2>&1 || true
  local committed; committed=$(sed -n 's/^Total: reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\1/p' "$dir/nmt.txt" \
    | awk '{ printf "%.1f", $1 / 1024 }')
  "${on_load_cpus[@]}" curl -s -o "$dir/metrics.txt" "http://127.0.0.1:$metrics_port/metrics" 2>/dev/null || true
  stop "$pid"

  local result requests rps p50 p99 errors alloc= seconds
  result=$(grep '^RESULT ' "$dir/wrk.txt") || { echo "run $round-$variant: no wrk result; see $dir" >&2; exit 1; }
  field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  requests=$(field requests); rps=$(field rps); p50=$(field p50_us); p99=$(field p99_us); seconds=$(field seconds)
  errors=$(( $(field non2xx) + $(field socket_errors) ))
  # shellcheck disable=SC2086
  read -r alloc <<<"$(allocation_mb "$dir/gc.log" $heap0 $heap1 || true)"
  [ -n "${alloc:-}" ] || alloc=nan
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$startup_wall" \
    "$(awk -v t="$startup_cpu_ticks" -v hz="$ticks_per_second" 'BEGIN { printf "%.2f", t / hz }')" \
    "$rss_idle" "$warmup_s" "$rps" "$p50" "$p99" \
    "$(awk -v c=$((cpu1 - cpu0)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.1f", c / hz * 1e6 / n }')" \
    "$(awk -v c=$((app1 - app0)) -v hz="$ticks_per_second" -v n="$requests" 'BEGIN { printf "%.1f", c / hz * 1e6 / n }')" \
    "$(awk -v m="$alloc" -v s="$seconds" 'BEGIN { if (m == "nan") print m; else printf "%.1f", m / s }')" \
    "$(awk -v m="$alloc" -v n="$requests" 'BEGIN { if (m == "nan") print m; else printf "%.2f", m * 1024 / n }')" \
    "$live_heap" "${committed:-nan}" "$rss_load" "$threads_idle" "$errors" >>"$raw"
  printf '    %s round %s: startup %s s, warm-up %s s, %s req/s over %s s, p50 %s us, p99 %s us, %s errors\n' \
    "$variant" "$round" "$startup_wall" "$warmup_s" "$rps" "$seconds" "$p50" "$p99" "$errors"
}

echo "==> $APP: $APP_JAR; A no agent, B $VIGIL_JAR, C $OTEL_JAR"
echo "    $ROUNDS rounds; each run: start, ${IDLE} s idle, ${WARMUP} warm-up and up to ${STEADY_MAX} s more until the JIT is quiet, ${DURATION} measured;" \
  "wrk -t$THREADS -c$CONNECTIONS on: $URLS; $pinning"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq 1 "$ROUNDS"); do
  for variant in A B C; do
    run_one "$variant" "$round"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The threads each agent's run kept, idle after its load, that its round's run without an agent did not: by name.
threads_by_name=$work/threads-by-name.tsv
for round in $(seq 1 "$ROUNDS"); do
  for variant in B C; do
    added=$(comm -13 "$work/$round-A/thread-names.txt" "$work/$round-$variant/thread-names.txt" || true)
    printf '%s\t%s\t%s\t%s\n' "$variant" "$round" "$(printf '%s' "$added" | grep -c . || true)" \
      "$(printf '%s' "$added" | paste -sd, -)" >>"$threads_by_name"
  done
done

out=benchmarks/overhead/results/$stamp.md
java "$here/Table.java" "$raw" "threads_by_name=$threads_by_name" \
  "app=$APP ($APP_JAR)" "vigil_jar=$VIGIL_JAR" "otel_jar=$OTEL_JAR" "otel_version=$otel_version" \
  "rounds=$ROUNDS" "load=wrk -t$THREADS -c$CONNECTIONS, ${WARMUP} warm-up, then more in 5 s windows until the JIT compiler threads used under 2% of one (at most ${STEADY_MAX} s), then ${DURATION} measured, paths: $URLS" \
  "scrape=$SCRAPE" "pinning=$pinning" "java_opts=$JAVA_OPTS" "cpus=$cpus" \
  "loadavg=$load_before before, $load_after after" "date=$stamp" \
  "java=$(java -version 2>&1 | sed -n 2p)" >"$out"
cat "$out"
echo
echo "==> written to $out (raw runs and logs: $work)"
