package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileFixerTest {

    private static String fixed(String text) {
        return DockerfileFixer.fix(text, FixOptions.defaults()).fixed();
    }

    private static FixResult fix(String text, FixOptions options) {
        return DockerfileFixer.fix(text, options);
    }

    @Test
    void aptUpdateAndInstallJoinedFlaggedAndCleanedInOneRun() {
        assertThat(fixed("""
                FROM debian:12-slim
                RUN apt-get update
                RUN apt-get install -y curl
                """)).isEqualTo("""
                FROM debian:12-slim
                RUN apt-get update && \\
                    apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
                """);
    }

    @Test
    void lateCleanupMovesIntoTheRunThatCreatedTheFilesAndTheEmptyRunGoes() {
        assertThat(fixed("""
                FROM debian:12-slim
                RUN apt-get update && apt-get install -y --no-install-recommends curl
                ENV A=1
                RUN rm -rf /var/lib/apt/lists/*
                CMD ["curl"]
                """)).isEqualTo("""
                FROM debian:12-slim
                RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
                ENV A=1
                CMD ["curl"]
                """);
    }

    @Test
    void lateCleanupAfterACopyIsReportedNotGuessed() {
        FixResult r = fix("""
                FROM debian:12-slim
                COPY data /tmp/data
                RUN cp -r /tmp/data /opt/data
                RUN rm -rf /tmp/data
                """, FixOptions.defaults().withOnly(Set.of("WH003")));
        assertThat(r.changed()).isFalse();
        assertThat(r.unfixable()).anySatisfy(u -> {
            assertThat(u.ruleId()).isEqualTo("WH003");
            assertThat(u.reason()).contains("COPY");
        });
    }

    @Test
    void joiningKeepsContinuationsCommentsIndentationAndTheEscapeCharacter() {
        String before = "# escape=`\r\nFROM debian:12-slim\r\nRUN echo a `\r\n  && echo b\r\n# why c\r\n\r\n"
                + "RUN echo c `\r\n  && echo d\r\n";
        assertThat(fix(before, FixOptions.defaults().withOnly(Set.of("WH012"))).fixed()).isEqualTo(
                "# escape=`\r\nFROM debian:12-slim\r\nRUN echo a `\r\n  && echo b && `\r\n# why c\r\n"
                        + "  echo c `\r\n  && echo d\r\n");
    }

    @Test
    void joinIsRefusedAfterACdBecauseTheNextRunWouldStartElsewhere() {
        FixResult r = fix("""
                FROM debian:12-slim
                RUN cd /opt && echo a
                RUN echo b
                """, FixOptions.defaults().withOnly(Set.of("WH012")));
        assertThat(r.changed()).isFalse();
        assertThat(r.unfixable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("cd /opt"));
    }

    @Test
    void listsAreNotRemovedWhileALaterRunStillInstallsFromThem() {
        FixResult r = fix("""
                FROM debian:12-slim
                RUN apt-get update
                RUN cd /tmp && true
                RUN apt-get install -y --no-install-recommends curl
                """, FixOptions.defaults().withOnly(Set.of("WH002")));
        assertThat(r.changed()).isFalse();
        assertThat(r.unfixable()).anySatisfy(u -> assertThat(u.reason()).contains("line 4"));
    }

    @Test
    void apkPipAndNpmCacheFixes() {
        assertThat(fixed("""
                FROM python:3.12-alpine
                RUN apk add curl
                RUN pip install flask
                """)).contains("apk add --no-cache curl").contains("pip install --no-cache-dir flask");
        assertThat(fixed("""
                FROM node:20-slim
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm install
                CMD ["node", "server.js"]
                """)).contains("RUN npm ci --omit=dev && npm cache clean --force\n");
    }

    @Test
    void eachPackageManagerGetsItsOwnFlagAndCacheMount() {
        FixResult r = fix("""
                FROM node:20-slim
                WORKDIR /app
                COPY package.json yarn.lock ./
                RUN yarn install && yarn cache clean
                """, FixOptions.defaults().withOnly(Set.of("WH006", "WH013")).withCacheMounts(true));
        assertThat(r.fixed()).contains("RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install"
                + " --production && yarn cache clean\n");
    }

    @Test
    void devDependenciesStayWhenTheSameStageBuildsLater() {
        FixResult r = fix("""
                FROM node:20-slim
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci
                COPY . .
                RUN npm run build
                CMD ["node", "dist/server.js"]
                """, FixOptions.defaults().withOnly(Set.of("WH006")));
        assertThat(r.fixed()).contains("RUN npm ci && npm cache clean --force").doesNotContain("--omit=dev");
        assertThat(r.unfixable()).anySatisfy(u -> assertThat(u.reason()).contains("--multi-stage"));
    }

    @Test
    void cacheMountsOnlyOnRequestWithTheSyntaxDirective() {
        String before = """
                FROM node:20-slim
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci --omit=dev
                """;
        assertThat(fixed(before)).doesNotContain("--mount");
        FixResult r = fix(before, FixOptions.defaults().withCacheMounts(true));
        assertThat(r.fixed()).isEqualTo("""
                # syntax=docker/dockerfile:1
                FROM node:20-slim
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
                """);
    }

    @Test
    void chmodOfACopiedFileBecomesCopyChmod(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("start.sh"), "#!/bin/sh\n");
        String before = """
                # syntax=docker/dockerfile:1
                FROM debian:12-slim
                WORKDIR /app
                COPY start.sh ./
                RUN chmod 755 start.sh && chown app:app /app/start.sh
                CMD ["/app/start.sh"]
                """;
        assertThat(fix(before, FixOptions.defaults().withContext(context)).fixed()).isEqualTo("""
                # syntax=docker/dockerfile:1
                FROM debian:12-slim
                WORKDIR /app
                COPY --chmod=755 --chown=app:app start.sh ./
                CMD ["/app/start.sh"]
                """);
        FixResult noContext = fix(before, FixOptions.defaults());
        assertThat(noContext.changed()).isFalse();
        assertThat(noContext.unfixable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("build context"));
    }

    @Test
    void chmodAfterCopyIsLintedAndFixedThroughTheLintFinding(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("start.sh"), "#!/bin/sh\n");
        String before = "# syntax=docker/dockerfile:1\nFROM debian:12-slim\nCOPY start.sh /start.sh\n"
                + "RUN chmod 755 /start.sh\n";
        var lint = dev.whittle.dockerfile.lint.rules.Rules.linter(dev.whittle.dockerfile.lint.LintConfig.empty())
                .lint(dev.whittle.dockerfile.lint.LintInput.ofText("Dockerfile", before)).findings();
        assertThat(lint).filteredOn(f -> f.ruleId().equals("WH016")).singleElement().satisfies(f -> {
            assertThat(f.span().startLine()).isEqualTo(3);
            assertThat(f.span().endLine()).isEqualTo(4);
            assertThat(f.message()).contains("counts twice", "COPY --chmod");
        });
        FixResult r = fix(before, FixOptions.defaults().withContext(context).withOnly(Set.of("WH016")));
        assertThat(r.fixed()).isEqualTo("# syntax=docker/dockerfile:1\nFROM debian:12-slim\n"
                + "COPY --chmod=755 start.sh /start.sh\n");
        assertThat(r.applied()).extracting(AppliedFix::ruleId).containsExactly("WH016");
    }

    @Test
    void whatWasNotFixedIsPlacedInTheOriginalFile() {
        String before = "FROM node:20\nRUN yarn install --production && yarn cache clean\n# again\n"
                + "RUN yarn cache clean\nRUN yarn build\n";
        FixResult r = fix(before, FixOptions.defaults());
        assertThat(r.changed()).isTrue();
        // in the fixed text the build is on line 4; the user's file has it on line 5, column 5
        assertThat(r.unfixable()).filteredOn(u -> u.ruleId().equals("WH008")).singleElement()
                .satisfies(u -> assertThat(u.line()).isEqualTo(4));
        assertThat(r.unfixableInOriginal()).filteredOn(u -> u.ruleId().equals("WH008")).singleElement()
                .satisfies(u -> {
                    assertThat(u.line()).isEqualTo(5);
                    assertThat(u.column()).isEqualTo(5);
                });
        assertThat(r.unfixableInOriginal()).filteredOn(u -> u.ruleId().equals("WH009")).singleElement()
                .satisfies(u -> assertThat(u.line()).isEqualTo(1));
    }

    @Test
    void aJoinDropsARunThatOnlyRepeatsCleanupsInsteadOfRepeatingThem() {
        assertThat(fixed("FROM node:20\nRUN yarn install --production && yarn cache clean\n# again\n"
                + "RUN yarn cache clean\nRUN yarn build\n")).isEqualTo("FROM node:20\n"
                + "RUN yarn install --production && yarn cache clean && \\\n# again\n    yarn build\n");
        String lists = fixed("FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n"
                + "COPY x /x\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\nRUN rm -rf /var/lib/apt/lists/*\n");
        assertThat(lists).endsWith("COPY x /x\nRUN apt-get clean && rm -rf /var/lib/apt/lists/*\n");
        assertThat(lists.split("rm -rf /var/lib/apt/lists", -1)).hasSize(3);
    }

    @Test
    void aJoinMovesTheAptListsCleanupAfterTheLastInstallInsteadOfBetweenTwoUpdates() {
        assertThat(fixed("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y python3\n# lists\n"
                + "RUN rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git\n")).isEqualTo(
                "FROM debian:12\nRUN apt-get update && \\\n    apt-get install --no-install-recommends -y python3 && \\\n"
                + "# lists\n    apt-get update && apt-get install --no-install-recommends -y git && \\\n"
                + "    rm -rf /var/lib/apt/lists/*\n");
        // the cleanup inside a RUN's own text stays where it was written; the joined RUN cleans again at its end
        String inline = fixed("FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf "
                + "/var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git\n");
        assertThat(inline.lastIndexOf("rm -rf /var/lib/apt/lists/*")).isGreaterThan(inline.lastIndexOf("apt-get install"))
                .isGreaterThan(inline.lastIndexOf("apt-get update"));
        // the late cleanup moved into the first RUN (WH003), then the join: the last clean still ends the RUN
        String moved = fixed("FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n"
                + "RUN rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install --no-install-recommends "
                + "-y git\nRUN rm -rf /var/lib/apt/lists/*\n");
        assertThat(moved).endsWith("-y git && rm -rf /var/lib/apt/lists/*\n");
        assertThat(moved.split("\nRUN ", -1)).hasSize(2);
    }

    @Test
    void commentsInsideContinuedLinesStayAsTheyWere() {
        assertThat(fixed("FROM debian:12\nRUN apt-get update \\\n# comment at column one\n && apt-get install -y \\\n"
                + "      curl \\\n      # why git && why not\n      git\n")).isEqualTo("FROM debian:12\n"
                + "RUN apt-get update \\\n# comment at column one\n && apt-get install --no-install-recommends -y \\\n"
                + "      curl \\\n      # why git && why not\n      git && rm -rf /var/lib/apt/lists/*\n");
    }

    @Test
    void chmodThatCopyCannotExpressIsReported(@TempDir Path context) throws IOException {
        Files.writeString(context.resolve("start.sh"), "#!/bin/sh\n");
        FixResult r = fix("""
                FROM debian:12-slim
                COPY start.sh /start.sh
                RUN chmod +x /start.sh
                """, FixOptions.defaults().withContext(context).withOnly(Set.of("FX001")));
        assertThat(r.changed()).isFalse();
        assertThat(r.unfixable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("octal"));
    }

    @Test
    void recursiveChownOfAFreshDirectory() {
        assertThat(fix("""
                FROM debian:12-slim
                COPY app/ /srv/app/
                RUN chown -R www:www /srv/app
                """, FixOptions.defaults().withOnly(Set.of("FX001"))).fixed()).isEqualTo("""
                # syntax=docker/dockerfile:1
                FROM debian:12-slim
                COPY --chown=www:www app/ /srv/app/
                """);
    }

    @Test
    void onlyLimitsTheRulesAndHeredocsAreLeftAlone() {
        String before = """
                FROM debian:12-slim
                RUN <<EOF
                apt-get update
                apt-get install -y curl
                EOF
                RUN apt-get install -y git
                """;
        FixResult r = fix(before, FixOptions.defaults().withOnly(Set.of("WH001")));
        assertThat(r.applied()).allSatisfy(a -> assertThat(a.ruleId()).isEqualTo("WH001"));
        assertThat(r.fixed()).contains("apt-get install --no-install-recommends -y git").contains("<<EOF\n");
    }

    @Test
    void fileWithParseErrorsIsLeftUnchangedAndReported() {
        FixResult r = fix("# escape=x\nFROM debian\n", FixOptions.defaults());
        assertThat(r.changed()).isFalse();
        assertThat(r.unfixable()).singleElement().satisfies(u -> assertThat(u.ruleId()).isEqualTo("WH000"));
    }

    @Test
    void everyResultParsesAndFixingAgainChangesNothing() {
        String before = """
                FROM debian:bookworm
                RUN apt-get update
                RUN apt-get install -y curl git
                RUN pip install flask
                RUN rm -rf /var/lib/apt/lists/*
                """;
        String once = fixed(before);
        assertThat(Dockerfile.parse(once).hasErrors()).isFalse();
        assertThat(fixed(once)).isEqualTo(once);
    }
}
