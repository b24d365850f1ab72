# alerthook: build with Maven, run on a JRE as a non-root user.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

# Built for Java 17, run on 25: its AOT cache (JEP 483/515) halves startup. See bench/README.md for the figures.
FROM eclipse-temurin:25-jre-noble
# curl: the healthcheck, and the shipped restart-web-app.sh playbook.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app alerthook
WORKDIR /app
COPY --from=build /src/target/alerthook.jar /tmp/alerthook.jar
RUN java -Djarmode=tools -jar /tmp/alerthook.jar extract --destination /app && rm /tmp/alerthook.jar
# Tuned on 2 cores (bench/README.md): the serial collector (G1's own structures cost ~40 MiB at a 128 MiB heap),
# C1 only (C2's compiler threads took CPU from the work and lengthened startup, for no throughput gain measured),
# and an AOT cache trained at build time: ready in ~2.6 s instead of ~4.2 s.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
COPY routes routes
COPY scripts scripts
RUN java $JAVA_OPTS -XX:AOTCacheOutput=/app/alerthook.aot -Dspring.context.exit=onRefresh -jar /app/alerthook.jar \
        --alerthook.audit.file=/tmp/training/audit.jsonl --alerthook.slack.dead-letter-file=/tmp/training/dead.jsonl \
    && rm -rf /tmp/training && mkdir data && chown alerthook:alerthook data
USER alerthook
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# JAVA_OPTS can be replaced (e.g. to add -Xmx); the AOT cache is only used by the JVM that made it.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=/app/alerthook.aot -jar /app/alerthook.jar \"$@\"", "alerthook"]
