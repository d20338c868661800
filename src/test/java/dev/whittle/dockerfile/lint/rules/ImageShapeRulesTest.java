package dev.whittle.dockerfile.lint.rules;

import static dev.whittle.dockerfile.lint.rules.RuleFixture.applyFixes;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catches;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catchesNot;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.findings;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintInput;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ImageShapeRulesTest {

    static final String GUIDE_BEFORE = """
            FROM node:20
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm install
            COPY . .
            RUN npm run build
            EXPOSE 8080
            CMD ["node", "dist/server.js"]
            """;

    @Nested
    class SingleStageBuildTest {
        private final SingleStageBuild rule = new SingleStageBuild();

        @Test
        void catchesTheGuidesBeforeAndSketchesTheMultiStageVersion() {
            Finding f = only(rule, GUIDE_BEFORE);
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.message()).contains("npm run build");
            String sketch = String.join("\n", f.details());
            assertThat(sketch).contains("FROM node:20 AS build").contains("RUN npm run build")
                    .contains("FROM node:20-alpine").contains("RUN npm ci --omit=dev")
                    .contains("COPY --from=build /app/dist ./dist").contains("CMD [\"node\", \"dist/server.js\"]");
            assertThat(sketch.indexOf("EXPOSE 8080")).isGreaterThan(sketch.indexOf("FROM node:20-alpine"));
            String sketchFile = sketch.substring(sketch.indexOf("FROM"));
            assertThat(Dockerfile.parse(sketchFile.replace("   # <- the build output", "")).errors()).isEmpty();
        }

        @Test
        void catchesOtherToolchains() {
            assertThat(String.join("\n", only(rule, "FROM golang:1.22\nWORKDIR /src\nCOPY . .\n"
                    + "RUN go build -o /out/app .\nCMD [\"/out/app\"]\n").details()))
                    .contains("gcr.io/distroless/static-debian12").contains("COPY --from=build /out/app");
            catches(rule, "FROM maven:3.9-eclipse-temurin-21\nCOPY . .\nRUN mvn -B package\n");
            catches(rule, "FROM gcc\nCOPY . .\nRUN make\n");
            catches(rule, "FROM python:3.12\nRUN pip wheel -w /wheels -r req.txt\n");
        }

        @Test
        void doesNotCatchMultiStageBuildsOrPlainRuns() {
            catchesNot(rule, "FROM node:20 AS build\nRUN npm run build\nFROM node:20-alpine\n"
                    + "COPY --from=build /app/dist ./dist\n");
            catchesNot(rule, "FROM node:20-alpine\nRUN npm ci --omit=dev\nRUN npm run start\n");
            catchesNot(rule, "FROM golang\nRUN go version\n");
        }
    }

    @Nested
    class FullBaseImageTest {
        private final FullBaseImage rule = new FullBaseImage();

        @Test
        void catchesFullNodeWithTheGuidesSizesAndCaveats() {
            Finding f = only(rule, "FROM node:20\nCMD [\"node\"]\n");
            assertThat(f.span()).hasToString("1:1-1:12");
            String details = String.join("\n", f.details());
            assertThat(details).contains("node:20  ~1.1 GB").contains("node:20-slim  ~220 MB")
                    .contains("node:20-alpine  ~55 MB").contains("nodejs20-debian12  ~120 MB").contains("musl");
        }

        @Test
        void followsArgsAndStagesToTheRealBase() {
            catches(rule, "ARG V=3.12\nFROM python:${V} AS base\nFROM base\nCMD [\"python\"]\n");
            catches(rule, "FROM docker.io/library/golang:1.22\n");
            catches(rule, "FROM openjdk:17\n");
            catches(rule, "FROM maven:3.9-eclipse-temurin-21\n");
            catches(rule, "FROM debian:12\n");
            catches(rule, "FROM ubuntu:24.04\n");
        }

        @Test
        void doesNotCatchSmallVariantsBuildStagesOrUnknownImages() {
            catchesNot(rule, "FROM node:20-alpine\n");
            catchesNot(rule, "FROM node:20-bookworm-slim\n");
            catchesNot(rule, "FROM python:3.12-slim\n");
            catchesNot(rule, "FROM eclipse-temurin:21-jre\n");
            catchesNot(rule, "FROM node:20 AS build\nRUN true\nFROM node:20-alpine\n");
            catchesNot(rule, "FROM example.com/team/node:20\n");
        }
    }

    @Nested
    class BuildToolsShippedTest {
        private final BuildToolsShipped rule = new BuildToolsShipped();

        @Test
        void catchesCompilersAndHeadersAndPointsAtTheFirst() {
            Finding f = only(rule, "FROM debian\nRUN apt-get install -y curl build-essential libpq-dev\n");
            assertThat(f.span()).hasToString("2:29-2:43");
            assertThat(f.message()).contains("build-essential, libpq-dev");
            catches(rule, "FROM alpine\nRUN apk add --no-cache build-base\n");
            catches(rule, "FROM fedora\nRUN dnf install -y gcc openssl-devel && dnf clean all\n");
        }

        @Test
        void doesNotCatchRemovedToolsOrBuilderStages() {
            catchesNot(rule, "FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev "
                    + "&& pip install x && apk del .build-deps\n");
            catchesNot(rule, "FROM debian\nRUN apt-get install -y gcc && make && apt-get purge -y gcc\n");
            catchesNot(rule, "FROM debian AS build\nRUN apt-get install -y gcc\nFROM debian:12-slim\n");
            catchesNot(rule, "FROM debian\nRUN apt-get install -y curl libpq5\n");
        }
    }

    @Nested
    class ShelllessStartTest {
        private final ShelllessStart rule = new ShelllessStart();

        @Test
        void catchesShellFormAndScriptsOnDistrolessAndScratch() {
            assertThat(only(rule, "FROM gcr.io/distroless/nodejs20-debian12\nCMD node server.js\n").severity())
                    .isEqualTo(dev.whittle.dockerfile.lint.Severity.ERROR);
            catches(rule, "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/entrypoint.sh\"]\n");
            catches(rule, "FROM scratch\nENTRYPOINT [\"/bin/sh\", \"-c\", \"/app\"]\n");
            catches(rule, "FROM golang AS b\nRUN go build\nFROM scratch\nRUN echo hi\n");
        }

        @Test
        void doesNotCatchExecFormOrImagesWithAShell() {
            catchesNot(rule, "FROM gcr.io/distroless/static\nCMD [\"/app\"]\n");
            catchesNot(rule, "FROM gcr.io/distroless/base:debug\nCMD /app --x\n");
            catchesNot(rule, "FROM alpine\nCMD /app --x\n");
            catchesNot(rule, "FROM scratch AS a\nCMD x\nFROM alpine\nCMD x\n");
        }

        @Test
        void fixRewritesPlainShellFormAsExecForm() {
            assertThat(applyFixes(rule, "FROM scratch\nCMD /app --port=8080  \n"))
                    .isEqualTo("FROM scratch\nCMD [\"/app\", \"--port=8080\"]  \n");
            assertThat(only(rule, "FROM scratch\nCMD /app \"$PORT\"\n").fix()).isNull();
        }
    }

    @Nested
    class ContextCopyTest {
        private final ContextCopy rule = new ContextCopy();

        @Test
        void catchesCopyOfDotGitWithoutAnyContext() {
            assertThat(only(rule, "FROM alpine\nCOPY .git /src/.git\n").message()).contains(".git");
            catchesNot(rule, "FROM alpine\nCOPY . .\n"); // stdin, no context: nothing to look at
        }
    }

    @Nested
    class SplitRunsTest {
        private final SplitRuns rule = new SplitRuns();

        @Test
        void catchesShortConsecutiveRunsAndCountsCommands() {
            Finding f = only(rule, "FROM debian\nRUN apt-get update\nRUN apt-get install -y wget\n"
                    + "RUN wget https://x/t.tgz && tar -xzf t.tgz\n");
            assertThat(f.message()).contains("3 consecutive RUNs").contains("4 commands");
            assertThat(f.span()).hasToString("2:1-4:42");
            assertThat(f.related()).hasSize(2);
            assertThat(new SplitRuns().hadolintIds()).containsExactly("DL3059");
        }

        @Test
        void keepsADependencyInstallSeparateFromUnrelatedWork() {
            catchesNot(rule, "FROM node\nRUN npm ci\nRUN node scripts/generate.js\n");
            catches(rule, "FROM node\nRUN npm ci\nRUN npm cache clean --force\n");
        }

        @Test
        void doesNotCatchDifferentFlagsSeparatedRunsHeredocsOrLongGroups() {
            catchesNot(rule, "FROM debian\nRUN a\nRUN --mount=type=cache,target=/x b\n");
            catchesNot(rule, "FROM debian\nRUN a\nWORKDIR /x\nRUN b\n");
            catchesNot(rule, "FROM debian\nRUN a\nRUN <<EOF\nb\nEOF\n");
            catchesNot(rule, "FROM debian\nRUN a && b && c && d && e && f\nRUN g && h && i && j && k\n");
        }
    }

    @Nested
    class CacheMountHintTest {
        private final CacheMountHint rule = new CacheMountHint();

        @Test
        void suggestsTheCacheMountForTheManager() {
            assertThat(only(rule, "FROM node\nRUN npm ci\n").message()).contains("target=/root/.npm");
            assertThat(only(rule, "FROM python\nRUN pip install -r r.txt\n").message())
                    .contains("target=/root/.cache/pip");
            assertThat(only(rule, "FROM golang\nRUN go mod download\n").message()).contains("/root/go/pkg/mod");
            assertThat(new CacheMountHint().severity()).isEqualTo(dev.whittle.dockerfile.lint.Severity.INFO);
        }

        @Test
        void doesNotCatchMountedOrCacheLessInstalls() {
            catchesNot(rule, "FROM node\nRUN --mount=type=cache,target=/root/.npm npm ci\n");
            catchesNot(rule, "FROM python\nRUN pip install --no-cache-dir flask\n");
            catchesNot(rule, "FROM alpine\nRUN apk add --no-cache curl\n");
        }
    }

    @Nested
    class OneShotDownloadsTest {
        private final OneShotDownloads rule = new OneShotDownloads();

        @Test
        void catchesArchivesExtractedInALaterRun() {
            Finding f = only(rule, "FROM debian\nADD https://example.com/tool.tar.gz /tmp/\n"
                    + "RUN tar -xzf /tmp/tool.tar.gz -C /opt && rm /tmp/tool.tar.gz\n");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.related()).extracting(r -> r.span().startLine()).containsExactly(2);
            catches(rule, "FROM alpine\nRUN wget https://example.com/x.zip\nRUN unzip x.zip\n");
        }

        @Test
        void catchesADownloadToolUsedOnceAndLeft() {
            Finding f = only(rule, "FROM debian\nRUN apt-get install -y curl ca-certificates\n"
                    + "RUN curl -fsSL https://example.com/i.sh -o /i.sh && sh /i.sh\n");
            assertThat(f.span()).hasToString("2:24-2:27");
            assertThat(f.message()).contains("curl").contains("line 3");
        }

        @Test
        void doesNotCatchOneRunDownloadsLocalAddsOrRuntimeTools() {
            catchesNot(rule, "FROM debian\nRUN wget https://x/t.tgz && tar -xzf t.tgz && rm t.tgz\n");
            catchesNot(rule, "FROM debian\nADD tool.tar.gz /opt/\n");
            catchesNot(rule, "FROM debian\nRUN apt-get install -y curl\nRUN curl -o /a https://x/a\n"
                    + "HEALTHCHECK CMD curl -f http://localhost/\n");
            catchesNot(rule, "FROM debian\nRUN apt-get install -y wget && wget https://x/a && apt-get purge -y wget\n");
        }
    }

    @Test
    void inputWithAFileButNoContextIsCheckedByItsDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path dockerfile = dir.resolve("Dockerfile");
        String text = "FROM node:20-alpine\nCOPY . .\n";
        java.nio.file.Files.writeString(dockerfile, text);
        List<Finding> none = findings(new ContextCopy(), LintInput.ofText("Dockerfile", text).withPath(dockerfile));
        assertThat(none).extracting(Finding::message).singleElement().asString().contains("no .dockerignore");
        java.nio.file.Files.writeString(dir.resolve(".dockerignore"), "node_modules\n");
        List<Finding> partial = findings(new ContextCopy(), LintInput.ofText("Dockerfile", text).withPath(dockerfile));
        assertThat(partial).extracting(Finding::message).singleElement().asString().contains(".git")
                .contains("logs").doesNotContain("node_modules");
        java.nio.file.Files.writeString(dir.resolve(".dockerignore"), "node_modules\n.git\n**/*.log\n");
        assertThat(findings(new ContextCopy(), LintInput.ofText("Dockerfile", text).withPath(dockerfile))).isEmpty();
    }
}
