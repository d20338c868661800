package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.build.BuildPlan;
import org.junit.jupiter.api.Test;

class MultiStageTest {

    private static final String GUIDE_BEFORE = """
            FROM node:20
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm install # Installs ALL deps including dev tools
            COPY . .
            RUN npm run build
            EXPOSE 8080
            CMD ["node", "dist/server.js"]
            """;

    private static FixResult split(String text, RuntimeBase base) {
        return DockerfileFixer.fix(text, FixOptions.defaults().withMultiStage(true, base));
    }

    @Test
    void guideNodeBuildBecomesBuildAndSlimRuntimeStage() {
        FixResult r = split(GUIDE_BEFORE, RuntimeBase.SLIM);
        assertThat(r.fixed()).startsWith("""
                FROM node:20 AS build
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci # Installs ALL deps including dev tools
                COPY . .
                RUN npm run build && \\
                    npm prune --omit=dev
                EXPOSE 8080
                CMD ["node", "dist/server.js"]
                """).endsWith("""
                FROM node:20-slim
                WORKDIR /app
                COPY --from=build /app/package.json ./
                COPY --from=build /app/node_modules ./node_modules
                COPY --from=build /app/dist ./dist
                EXPOSE 8080
                CMD ["node", "dist/server.js"]
                """).contains("# Caveat: Dev dependencies were pruned");
        BuildPlan plan = BuildPlan.of(Dockerfile.parse(r.fixed()));
        assertThat(plan.stages()).hasSize(2);
        assertThat(plan.builtStage().orElseThrow().baseImage()).isEqualTo("node:20-slim");
        assertThat(r.applied().get(0).ruleId()).isEqualTo("WH008");
    }

    @Test
    void alpineAndDistrolessBasesWithTheirCaveats() {
        assertThat(split(GUIDE_BEFORE, RuntimeBase.ALPINE).fixed()).contains("FROM node:20-alpine\n")
                .contains("# Caveat: Alpine uses musl libc");
        assertThat(split(GUIDE_BEFORE, RuntimeBase.DISTROLESS).fixed())
                .contains("FROM gcr.io/distroless/nodejs20-debian12\n").contains("CMD [\"dist/server.js\"]\n")
                .contains("# Caveat: Distroless has no shell");
    }

    @Test
    void nodeFromDebianPackagesGetsOnlyNodejsInTheRuntimeStage() {
        String r = split("""
                FROM debian:bookworm
                RUN apt-get update && apt-get install -y nodejs npm
                WORKDIR /srv
                COPY . .
                RUN npm install && npx tsc
                CMD ["node", "dist/index.js"]
                """, RuntimeBase.SLIM).fixed();
        assertThat(r).contains("""
                FROM debian:bookworm-slim
                RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
                WORKDIR /srv
                COPY --from=build /srv/package.json ./
                COPY --from=build /srv/node_modules ./node_modules
                COPY --from=build /srv/dist ./dist
                CMD ["node", "dist/index.js"]
                """);
    }

    @Test
    void unknownBaseIsKeptAndSaidSo() {
        String r = split("""
                FROM registry.example/base:1
                WORKDIR /app
                COPY . .
                RUN npm ci && npm run build
                CMD ["node", "dist/server.js"]
                """, RuntimeBase.SLIM).fixed();
        assertThat(r).contains("FROM registry.example/base:1\nRUN apt-get update")
                .contains("# Caveat: No slimmer variant of registry.example/base:1 is known");
    }

    @Test
    void goPythonAndJava() {
        assertThat(split("""
                FROM golang:1.22
                WORKDIR /src
                COPY . .
                RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server
                ENTRYPOINT ["/out/server"]
                """, RuntimeBase.DISTROLESS).fixed()).endsWith("""
                FROM gcr.io/distroless/static-debian12
                WORKDIR /src
                COPY --from=build /out/server /out/server
                ENTRYPOINT ["/out/server"]
                """);
        assertThat(split("""
                FROM python:3.12
                WORKDIR /app
                COPY requirements.txt .
                RUN pip install -r requirements.txt
                COPY . .
                CMD ["python", "app.py"]
                """, RuntimeBase.SLIM).fixed()).contains("""
                COPY requirements.txt .
                RUN python -m venv /opt/venv
                ENV PATH="/opt/venv/bin:$PATH"
                RUN pip install -r requirements.txt
                """).endsWith("""
                FROM python:3.12-slim
                ENV PATH="/opt/venv/bin:$PATH"
                WORKDIR /app
                COPY --from=build /opt/venv /opt/venv
                COPY --from=build /app /app
                CMD ["python", "app.py"]
                """);
        assertThat(split("""
                FROM maven:3.9-eclipse-temurin-21
                WORKDIR /app
                COPY . .
                RUN mvn -B package
                CMD ["java", "-jar", "target/app.jar"]
                """, RuntimeBase.SLIM).fixed()).contains("FROM eclipse-temurin:21-jre\n")
                .contains("COPY --from=build /app/target/*.jar /app/target/\n");
    }

    @Test
    void refusalsAreReportedAndLeaveTheFileAlone() {
        FixResult staged = split("FROM node:20 AS a\nRUN npm ci\nFROM node:20-slim\nCOPY --from=a /x /x\n",
                RuntimeBase.SLIM);
        assertThat(staged.unfixable().get(0).reason()).contains("already has 2 stages");
        FixResult noWorkdir = split("FROM node:20\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"a.js\"]\n",
                RuntimeBase.SLIM);
        assertThat(noWorkdir.fixed()).doesNotContain("AS build");
        assertThat(noWorkdir.unfixable().get(0).reason()).contains("WORKDIR");
        FixResult goNoOutput = split("FROM golang:1.22\nWORKDIR /s\nRUN go build ./...\n", RuntimeBase.SLIM);
        assertThat(goNoOutput.unfixable().get(0).reason()).contains("-o");
        FixResult shellForm = split("FROM node:20\nWORKDIR /a\nRUN npm ci\nCMD node a.js\n", RuntimeBase.DISTROLESS);
        assertThat(shellForm.unfixable().get(0).reason()).contains("shell form");
    }

    @Test
    void splittingTwiceChangesNothingMore() {
        FixResult once = split(GUIDE_BEFORE, RuntimeBase.SLIM);
        assertThat(split(once.fixed(), RuntimeBase.SLIM).fixed()).isEqualTo(once.fixed());
    }
}
