# Helpers shared by the overhead benchmarks (run.sh, interleaved.sh, firstresponse.sh, startup.sh, startprofile.sh,
# loadprofile.sh, jitprofile.sh, cpuprofile.sh), sourced by them, and the defaults they share: the OpenTelemetry
# agent's version, the jars, the JVM options.
# shellcheck shell=bash
otel_version=2.33.1
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseG1GC}
VIGIL_JAR=${VIGIL_JAR:-agent/target/vigil-agent.jar}
# Kept from the measured JVMs' environment: the agent reads VIGIL_* variables as its settings and would warn
# about this unknown one in its premain, which builds its log there and skews the start-up figures.
export -n VIGIL_JAR
OTEL_JAR=${OTEL_JAR:-benchmarks/overhead/target/opentelemetry-javaagent-$otel_version.jar}

# A TCP port nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null || { echo "$port"; return; }
  done
}

# The status code of GET $2 on port $1, or nothing. Plain bash: polling must not start processes
# that compete with the JVM being timed.
http_status() {
  local line
  line=$( (exec 3<>/dev/tcp/127.0.0.1/"$1" && printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3 \
    && read -r -t 10 line <&3 && echo "$line") 2>/dev/null || true)
  line=${line#HTTP/1.? }
  echo "${line%% *}"
}

# CPU ticks (utime + stime, /proc) of process $1, all its threads.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

# A run's stamp (UTC, to the second) and directory, benchmarks/overhead/target/runs/<stamp>-$1, made with the
# results directory; into the caller's $stamp and $work.
new_run() { # kind
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  work=benchmarks/overhead/target/runs/$stamp-$1
  mkdir -p "$work" benchmarks/overhead/results
}

# JFR's "profile" settings with Java samples every millisecond instead of every 10 ms, into file $1: a start-up
# is short, and a profile under load wants many samples of small calls.
jfr_settings_every_ms() { # file
  local java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s|\(<setting name="period"[^>]*>\)[^<]*<|\11 ms<|' \
    "$java_home/lib/jfr/profile.jfc" >"$1"
}

# $2 seconds of the profile's load (its URLS, through mix.lua; wrk -t$THREADS -c$CONNECTIONS on the CPUs below
# $app_cpu) on port $1; prints the requests served.
load() { # port seconds -> requests
  WRK_PATHS=$URLS taskset -c 0-$((app_cpu - 1)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s -s "$here/mix.lua" \
    "http://127.0.0.1:$1" | sed -n 's/^RESULT requests=\([0-9]*\) .*/\1/p'
}

# Ends process $1 and waits for it.
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# Polls GET $3 on port $2 every 10 ms until it answers 200 (10 ms is then the error of a start-up time).
# Fails, naming $5 (which run, where its log is), if process $1 exits or no 200 comes within 180 s of
# $4 (its $EPOCHREALTIME at launch).
# With $on_poll set, that function runs before each poll, given the pid (jitprofile.sh samples the threads).
wait_for_200() { # pid port path t0 what
  local status=
  while [ "$status" != 200 ]; do
    kill -0 "$1" 2>/dev/null || { echo "$5: the app exited" >&2; return 1; }
    [ -z "${on_poll:-}" ] || "$on_poll" "$1"
    status=$(http_status "$2" "$3")
    [ "$status" = 200 ] || sleep 0.01
    if (( ${EPOCHREALTIME%.*} - ${4%.*} > 180 )); then echo "$5: no 200 in 180 s" >&2; return 1; fi
  done
}

# CPU ticks (utime + stime, /proc) of some of a JVM's threads: "app", its application's and agents' threads
# (the JIT compiler, GC and VM threads left out: on one pinned CPU the JIT can still be compiling after the
# warm-up, and divided by each variant's own request count that would bill the slower one for it); "jit",
# the compiler threads only (near zero once the hot code is compiled).
thread_ticks() { # pid app|jit
  local total=0 task comm ticks
  for task in /proc/"$1"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    case "$comm" in
      "C1 CompilerThre"*|"C2 CompilerThre"*) [ "$2" = jit ] || continue ;;
      "GC Thread"*|"G1 "*|"VM Thread"|"VM Periodic"*|"Sweeper thread") continue ;;
      *) [ "$2" = app ] || continue ;;
    esac
    ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    total=$((total + ${ticks:-0}))
  done
  echo "$total"
}

# The JVM options of variant $1 (A: no agent, B: Vigil, C: the OpenTelemetry agent with its Prometheus
# exporter and no trace or log exporter), its metrics on port $2, into the caller's array `agent`.
variant_name() { # variant -> what it runs, for a report
  case "$1" in
    A) echo "A no agent" ;;
    B) echo "B \`$(basename "$VIGIL_JAR")\`" ;;
    P) echo "P \`$(basename "$BASELINE_JAR")\`" ;;
    C) echo "C \`$(basename "$OTEL_JAR")\`" ;;
  esac
}

variant_options() { # variant metrics_port
  case "$1" in
    A) agent=() ;;
    B) agent=("-javaagent:$VIGIL_JAR" "-Dvigil.metrics.port=$2") ;;
    # a previous build, to measure a change; P_OPTS split into words on purpose (several options)
    # shellcheck disable=SC2206
    P) agent=("-javaagent:$BASELINE_JAR" "-Dvigil.metrics.port=$2" ${P_OPTS:-}) ;;
    C) agent=("-javaagent:$OTEL_JAR" -Dotel.metrics.exporter=prometheus "-Dotel.exporter.prometheus.port=$2"
              -Dotel.traces.exporter=none -Dotel.logs.exporter=none) ;;
    *) echo "unknown variant $1" >&2; return 2 ;;
  esac
}

# Load on, in 5 s windows (the caller's `load_window`, which sends 5 s of its load), until the compiler
# threads of JVM $1 used under 2% of a window, for at most $2 seconds. On one pinned CPU the JIT competes
# with the requests and compiles for minutes: a window measured while it still does measures the warm-up.
wait_for_quiet_jit() { # pid max_seconds
  local deadline=$((SECONDS + $2)) hz j0 j1
  hz=$(getconf CLK_TCK)
  while (( SECONDS < deadline )); do
    j0=$(thread_ticks "$1" jit); load_window; j1=$(thread_ticks "$1" jit)
    (( (j1 - j0) * 100 < 2 * 5 * hz )) && return 0
  done
  return 0
}

# Starts variant $1 of the app (its log in $2), waits for its first 200, pins it to $app_cpu and loads it until its
# JIT is quiet ($WARMUP seconds, then at most $STEADY_MAX more); into the caller's $app_pid and $port.
start_steady() { # variant log
  local metrics_port t0
  port=$(free_port); metrics_port=$(free_port)
  variant_options "$1" "$metrics_port"
  t0=$EPOCHREALTIME
  # shellcheck disable=SC2046,SC2086
  java $JAVA_OPTS "${agent[@]}" $(port_option "$port") -jar "$APP_JAR" $(port_argument "$port") >"$2" 2>&1 &
  app_pid=$!
  wait_for_200 "$app_pid" "$port" "$ready_path" "$t0" "$1 (see $2)" || return 1
  taskset -a -p -c "$app_cpu" "$app_pid" >/dev/null
  load "$port" "$WARMUP" >/dev/null
  load_window() { load "$port" 5 >/dev/null; }
  wait_for_quiet_jit "$app_pid" "$STEADY_MAX"
}

# $VARIANTS in round $1's order: even rounds in reverse, so that no variant always starts in the same place of a
# round, right after the same other one; whatever that place does to a start is then shared.
round_order() { # round
  if (( $1 % 2 == 0 )); then echo "$VARIANTS" | tr ' ' '\n' | tac | tr '\n' ' '; else echo "$VARIANTS"; fi
}

# Checks for wrk and a second CPU, and sets $app_cpu to the last CPU: the measured JVMs run there, wrk on the others.
choose_app_cpu() {
  command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
  local cpus
  cpus=$(nproc)
  [ "$cpus" -ge 2 ] || { echo "needs 2 CPUs: the last for the measured JVMs, the others for wrk" >&2; exit 1; }
  app_cpu=$((cpus - 1))
}

# Builds the agent and the app ($build_modules, from profiles.sh) unless SKIP_BUILD=1, copies the OpenTelemetry
# Java agent $otel_version from Maven to $OTEL_JAR when variant C is among $1 and it is missing, and checks that
# the jars are there.
prepare_jars() { # variants
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "==> building $build_modules"
    mvn -B -q -pl "$build_modules" -am package -DskipTests
  fi
  if [[ " $1 " == *" C "* ]] && [ ! -f "$OTEL_JAR" ]; then
    echo "==> copying the OpenTelemetry Java agent $otel_version from Maven"
    mvn -B -q -N dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version \
      -DoutputDirectory="$(dirname "$OTEL_JAR")"
    [ -f "$OTEL_JAR" ] || mv "$(dirname "$OTEL_JAR")/opentelemetry-javaagent-$otel_version.jar" "$OTEL_JAR"
  fi
  local jar
  for jar in "$APP_JAR" "$VIGIL_JAR"; do
    [ -f "$jar" ] || { echo "missing $jar (build it, or unset SKIP_BUILD)" >&2; exit 1; }
  done
  [[ " $1 " != *" C "* ]] || [ -f "$OTEL_JAR" ] || { echo "missing $OTEL_JAR" >&2; exit 1; }
  [[ " $1 " != *" P "* ]] || [ -f "${BASELINE_JAR:-}" ] || { echo "variant P needs BASELINE_JAR, a Vigil jar" >&2; exit 1; }
}
