#!/usr/bin/env bash
# The delivery benchmark of issue #7 (README, "Performance"): builds the services and the load
# tool, then runs everything on this machine — a Redis of its own on port 6397, the MariaDB
# database webchat_loadtest (dropped and refilled), the gateway and two chat instances on
# ports 28180-28183 — and writes loadtest/results/latest.{md,json,svg}. 6 to 9 minutes.
# Options: --users=5000 --steady-rate=1000 --ramp=1000,1500,2000 --profile (async-profiler on gateway and
# chat-service-1 during the steady scenario), --quick (N = 300, seconds; results in loadtest/target).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "${LOADTEST_SKIP_BUILD:-}" != "true" ]; then
  ./mvnw -B -q -DskipTests package -pl account-service,chat-service,gateway,loadtest -am
fi
# 5,000 polls through one gateway: 5,000 sockets here, 10,000 in the gateway (in and out)
ulimit -n "$(ulimit -Hn)"
exec "$JAVA" -Xmx1g -jar loadtest/target/loadtest-*-exec.jar "$@"
