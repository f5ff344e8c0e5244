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
