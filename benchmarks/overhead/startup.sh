#!/usr/bin/env bash
# What the agent's premain adds to a JVM's start-up, and where that time goes.
# Runs a trivial Hello (print, exit) RUNS times without and with -javaagent, alternated, and reports
# the median added wall and CPU time; then, from extra runs, a breakdown: the JVM's own start-up
# phases (-Xlog:startuptime), the classes loaded (-Xlog:class+load), and a 1 ms sampling profile of
# the premain by library (startup/StartupSampler.java, an agent that starts before the measured one).
# Writes benchmarks/overhead/results/startup-<timestamp>.md and prints it. See benchmarks/README.md.
#
#   benchmarks/overhead/startup.sh
#   VIGIL_JAR=path/to/vigil-agent.jar RUNS=20 benchmarks/overhead/startup.sh
#   COMPARE_OPTS=-Dvigil.otlp-metrics.enabled=false benchmarks/overhead/startup.sh   # a third variant
#   COMPARE_JAR=path/to/before/vigil-agent.jar benchmarks/overhead/startup.sh         # a previous build, alternated
#
# Environment: VIGIL_JAR [agent/target/vigil-agent.jar], RUNS [10], PROFILE_RUNS [5] (sampled runs),
# AGENT_OPTS (extra options for the agent's runs, e.g. -Dvigil.traces.enabled=false), COMPARE_OPTS (when
# set, a third variant alternated with the two: the agent with these options instead, reported against the
# agent's runs; what a setting or a feature costs, measured in the same run), COMPARE_JAR (when set, that jar is
# the third variant, with COMPARE_OPTS if set: a previous build alternated with this one).
# The agent is not built here: build it first (mvn -B -q -pl agent -am package -DskipTests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.."

VIGIL_JAR=${VIGIL_JAR:-agent/target/vigil-agent.jar}
# Kept from the measured JVMs' environment: the agent reads VIGIL_* variables as its settings and would warn
# about this unknown one in its premain, which builds its log there and skews the start-up figures.
export -n VIGIL_JAR
RUNS=${RUNS:-10}
PROFILE_RUNS=${PROFILE_RUNS:-5}
AGENT_OPTS=${AGENT_OPTS:-}
COMPARE_OPTS=${COMPARE_OPTS:-}
COMPARE_JAR=${COMPARE_JAR:-}
export -n COMPARE_JAR
[ -f "$VIGIL_JAR" ] || { echo "missing $VIGIL_JAR: build the agent first (mvn -B -q -pl agent -am package -DskipTests)" >&2; exit 1; }

# hyperfine is Debian's package; install it the way .ci/run installs promtool. Without it the
# alternated loop below still gives the numbers.
if ! command -v hyperfine >/dev/null && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine) >/dev/null 2>&1 \
    && echo "installed hyperfine" || echo "hyperfine could not be installed; the loop's numbers only"
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=benchmarks/overhead/target/startup/$stamp
classes=benchmarks/overhead/target/startup/classes
mkdir -p "$work" "$classes" benchmarks/overhead/results
javac -d "$classes" "$here/startup/Hello.java" "$here/startup/StartupSampler.java"
printf 'Premain-Class: StartupSampler\n' >"$classes/manifest.txt"
jar cfm "$classes/startup-sampler.jar" "$classes/manifest.txt" -C "$classes" StartupSampler.class

source "$here/lib.sh"
# The agent's runs get a free metrics port each: its endpoint is part of what premain starts, and
# a port taken by another process would send it down a different (error) path.
agent() { echo "-javaagent:$VIGIL_JAR -Dvigil.metrics.port=$(free_port) $AGENT_OPTS"; }
compared() { echo "-javaagent:${COMPARE_JAR:-$VIGIL_JAR} -Dvigil.metrics.port=$(free_port) $COMPARE_OPTS"; }
variants="none vigil"; [ -n "$COMPARE_OPTS$COMPARE_JAR" ] && variants="none vigil compared"

echo "==> $RUNS runs of Hello without and with -javaagent:$VIGIL_JAR, alternated (after 2 warm-up runs each)"
TIMEFORMAT='%R %U %S'
printf 'variant\twall_s\tuser_s\tsys_s\n' >"$work/runs.tsv"
for i in $(seq -1 "$RUNS"); do
  for variant in $variants; do
    opts=; [ "$variant" = vigil ] && opts=$(agent); [ "$variant" = compared ] && opts=$(compared)
    # shellcheck disable=SC2086
    times=$( { time java $opts -cp "$classes" Hello >/dev/null 2>"$work/agent-$i.log"; } 2>&1 )
    [ "$i" -ge 1 ] && printf '%s\t%s\n' "$variant" "$(echo "$times" | tr ' ' '\t')" >>"$work/runs.tsv"
  done
done

if command -v hyperfine >/dev/null; then
  echo "==> hyperfine, the same two commands"
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$work/hyperfine.json" \
    -n none "java -cp $classes Hello" -n vigil "java $(agent) -cp $classes Hello" >"$work/hyperfine.txt" 2>&1 || true
fi

echo "==> the JVM's start-up phases and the classes loaded"
java -Xlog:startuptime:file="$work/startuptime-none.log" -Xlog:class+load:file="$work/classload-none.log" \
  -cp "$classes" Hello >/dev/null
# shellcheck disable=SC2046
java -Xlog:startuptime:file="$work/startuptime-vigil.log" -Xlog:class+load:file="$work/classload-vigil.log" \
  $(agent) -cp "$classes" Hello >/dev/null 2>"$work/agent-classload.log"

echo "==> $PROFILE_RUNS sampled runs of the premain"
for i in $(seq 1 "$PROFILE_RUNS"); do
  # shellcheck disable=SC2046
  java "-javaagent:$classes/startup-sampler.jar=$work/profile-$i.tsv" $(agent) -cp "$classes" Hello >/dev/null 2>&1
done

out=benchmarks/overhead/results/startup-$stamp.md
java "$here/startup/StartupReport.java" "$work" "$VIGIL_JAR" "$(java -version 2>&1 | sed -n 2p)" \
  "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)" "$AGENT_OPTS" "$COMPARE_OPTS" \
  "${COMPARE_JAR:+$(basename "$COMPARE_JAR")}" >"$out"
cat "$out"
echo
echo "==> written to $out (runs and logs: $work)"
