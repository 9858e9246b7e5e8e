#!/usr/bin/env bash
# The delivery benchmark (docs/performance.md): builds the services and the load tool, then runs
# everything on this machine — the raw Redis floor on a Redis of its own (port 6397), the CometD
# peer (port 28190), then webchat (the MariaDB database webchat_loadtest, dropped and refilled;
# the gateway, account-service and one chat instance on ports 28180-28182) — with the same N
# clients and scenarios, and writes loadtest/results/latest.{md,json,svg}. About 15 minutes.
# Options: --users=5000 --steady-rate=1000 --ramp=1000,1500,2000 --systems=cometd,webchat --chat-instances=2
# --soak runs the soak instead (half an hour; docs/performance.md, "The soak"; --soak --minutes=N …).
# --flood floods one gateway with 20,000 connections instead (docs/faults.md, "Overload, measured").
# --profile (async-profiler on each server JVM during the steady scenario), --quick (N = 300,
# seconds per step; results in loadtest/target/results-quick), --heap-histogram=false (skip the class histograms of what a waiting poll holds).
# An option the benchmark does not know stops it before it starts anything; --help prints this.
set -euo pipefail
cd "$(dirname "$0")"
case "${1:-}" in
  -h | --help)
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"
    exit 0
    ;;
esac
. ./scripts/find-jdk.sh # JAVA_HOME: a JDK 21+, for the Maven wrapper and the load tool
JAVA="$JAVA_HOME/bin/java"

if [ "${LOADTEST_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q -DskipTests package -pl account-service,chat-service,gateway,loadtest -am
fi
# 5,000 polls through one gateway: 5,000 sockets here, 10,000 in the gateway (in and out)
ulimit -n "$(ulimit -Hn)"
exec "$JAVA" -Xmx1g -jar loadtest/target/loadtest-*-exec.jar "$@"
