#!/usr/bin/env sh
# Builds webchat and starts all of it on this machine: embedded Redis (unless REDIS_URL is set),
# account-service on an H2 file (unless MYSQL_URL is set), two chat-service instances and the
# gateway on http://localhost:8080. Ctrl-C stops everything it started.
set -e
cd "$(dirname "$0")"
# a JDK 21+ as JAVA_HOME, for the Maven wrapper and for the launcher: the build's JDK, not
# whatever java happens to be first on the PATH
. ./scripts/find-jdk.sh
./mvnw -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" -jar launcher/target/launcher-*-exec.jar "$@"
