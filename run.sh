#!/usr/bin/env sh
# Builds webchat and starts all of it on this machine: embedded Redis (unless REDIS_URL is set),
# account-service on an H2 file (unless MYSQL_URL is set), two chat-service instances and the
# gateway on http://localhost:8080. Ctrl-C stops everything it started.
set -e
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests package
# the JDK the build used (JAVA_HOME, as the Maven wrapper reads it), not whatever java is on the PATH
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar launcher/target/launcher-*-exec.jar "$@"
