# syntax=docker/dockerfile:1
# One recipe for the three services: docker compose passes SERVICE (account-service,
# chat-service or gateway). Build stage: the Maven reactor; runtime stage: a JRE, non-root.
ARG SERVICE=gateway

FROM maven:3.9-eclipse-temurin-21 AS build
ARG SERVICE
WORKDIR /workspace
# poms first, so that dependencies are downloaded once and cached while only sources change
COPY pom.xml ./
COPY identity-token/pom.xml identity-token/
COPY problem-details/pom.xml problem-details/
COPY test-support/pom.xml test-support/
COPY account-service/pom.xml account-service/
COPY chat-service/pom.xml chat-service/
COPY gateway/pom.xml gateway/
COPY launcher/pom.xml launcher/
COPY system-tests/pom.xml system-tests/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl ${SERVICE} -am dependency:resolve -DskipTests || true
COPY identity-token/src identity-token/src
COPY problem-details/src problem-details/src
COPY ${SERVICE}/src ${SERVICE}/src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl ${SERVICE} -am package -DskipTests \
    && cp ${SERVICE}/target/${SERVICE}-*.jar /workspace/app.jar

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 webchat && useradd --system --uid 10001 --gid webchat --home-dir /app webchat
WORKDIR /app
COPY --from=build /workspace/app.jar /app/app.jar
USER webchat
# the container's memory limit, not the host's, sizes the heap unless compose gives one (it does);
# event loops and compiler threads as the launcher sets them for several JVMs on a small box
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-Dreactor.netty.ioWorkerCount=2", "-XX:CICompilerCount=2", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
