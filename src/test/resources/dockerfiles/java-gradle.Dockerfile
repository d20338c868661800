FROM gradle:8.7-jdk17 AS builder
WORKDIR /home/gradle/project
COPY --chown=gradle:gradle build.gradle.kts settings.gradle.kts ./
COPY --chown=gradle:gradle gradle ./gradle
RUN --mount=type=cache,target=/home/gradle/.gradle/caches,uid=1000,gid=1000 \
    gradle dependencies --no-daemon > /dev/null 2>&1 || true
COPY --chown=gradle:gradle src ./src
RUN --mount=type=cache,target=/home/gradle/.gradle/caches,uid=1000,gid=1000 \
    gradle bootJar --no-daemon -x test

FROM eclipse-temurin:17-jre-jammy AS runtime
RUN groupadd --system app && useradd --system --gid app app
COPY --from=builder /home/gradle/project/build/libs/*.jar /opt/app/app.jar
USER app
HEALTHCHECK --interval=30s --timeout=3s CMD curl -fs http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/app/app.jar"]
