# Helpers shared by the overhead benchmarks (run.sh, interleaved.sh, startup.sh), sourced by them.
# shellcheck shell=bash

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
variant_options() { # variant metrics_port
  case "$1" in
    A) agent=() ;;
    B) agent=("-javaagent:$VIGIL_JAR" "-Dvigil.metrics.port=$2") ;;
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
