# alerthook: build with Maven, run on a JRE as a non-root user.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests && java -Djarmode=tools -jar target/alerthook.jar extract --destination /extracted

# Built for Java 17, run on 25: its AOT cache (JEP 483/515) halves startup. See bench/README.md for the figures.
FROM eclipse-temurin:25-jre-noble
# curl: the healthcheck, and the shipped restart-web-app.sh playbook.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app alerthook
WORKDIR /app
COPY --from=build /extracted/ /app/
# Tuned on 2 cores (bench/README.md): the serial collector (G1's own structures cost ~40 MiB at a 128 MiB heap),
# C1 only (C2's compiler threads took CPU from the work and lengthened startup, for no throughput gain measured),
# and an AOT cache trained at build time: ready in ~1.8 s instead of ~4.2 s.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
COPY routes routes
COPY scripts scripts
# The training run starts everything, Camel's routes included, then exits a second later: ready in ~1.8 s instead of
# ~2.0 s with a cache trained only up to Spring's refresh (spring.context.exit=onRefresh), which loads no route.
ARG AOT_TRAINING="--server.port=0 --camel.main.duration-max-seconds=1"
RUN java $JAVA_OPTS -XX:AOTCacheOutput=/app/alerthook.aot -jar /app/alerthook.jar $AOT_TRAINING \
        --alerthook.audit.file=/tmp/training/audit.jsonl \
    && rm -rf /tmp/training && mkdir data && chown alerthook:alerthook data
USER alerthook
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# JAVA_OPTS can be replaced (e.g. to add -Xmx); the AOT cache is only used by the JVM that made it.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -XX:AOTCache=/app/alerthook.aot -jar /app/alerthook.jar \"$@\"", "alerthook"]
