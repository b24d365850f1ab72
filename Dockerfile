# alerthook: build with Maven, run on a JRE as a non-root user.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre-jammy
# curl: the healthcheck, and the shipped restart-web-app.sh playbook.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app alerthook
WORKDIR /app
COPY --from=build /src/target/alerthook.jar alerthook.jar
COPY routes routes
COPY scripts scripts
RUN mkdir data && chown alerthook:alerthook data
USER alerthook
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-jar", "/app/alerthook.jar"]
