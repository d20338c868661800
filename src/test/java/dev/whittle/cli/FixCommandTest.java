package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixCommandTest {

    private static final String BEFORE = """
            FROM debian:12-slim
            # curl for the health check
            RUN apt-get update
            RUN apt-get install -y curl
            CMD ["curl", "-f", "http://localhost/"]
            """;

    private static final String AFTER = """
            FROM debian:12-slim
            # curl for the health check
            RUN apt-get update && \\
                apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
            CMD ["curl", "-f", "http://localhost/"]
            """;

    @Test
    void printsAUnifiedDiffByDefaultAndExitsOneWhenItIsNotEmpty(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        CliRun run = CliRun.of("fix", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("--- a" + file + "\n+++ b" + file + "\n@@ -1,5 +1,5 @@\n")
                .contains("-RUN apt-get update\n-RUN apt-get install -y curl\n+RUN apt-get update && \\\n");
        assertThat(run.err()).contains("fix   WH012 join 2 RUNs").contains("3 fixes to apply");
        assertThat(Files.readString(file)).isEqualTo(BEFORE);
    }

    @Test
    void writeAppliesKeepsABackupAndASecondRunFindsNothing(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        CliRun run = CliRun.of("fix", "--write", file.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(file)).isEqualTo(AFTER);
        assertThat(Files.readString(dir.resolve("Dockerfile.bak"))).isEqualTo(BEFORE);
        CliRun again = CliRun.of("fix", "--check", file.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("nothing to fix");
    }

    @Test
    void noBackupAndCheck(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        CliRun check = CliRun.of("fix", "--check", file.toString());
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).isEmpty();
        assertThat(CliRun.of("fix", "--write", "--no-backup", file.toString()).exitCode()).isZero();
        assertThat(dir.resolve("Dockerfile.bak")).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo(AFTER);
    }

    @Test
    void onlyNarrowsTheFixesAndUnfixableFindingsGoToStderr(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        CliRun run = CliRun.of("fix", "--only", "WH001", file.toString());
        assertThat(run.out()).contains("+RUN apt-get install --no-install-recommends -y curl").doesNotContain("&& \\");
        Path node = Files.writeString(dir.resolve("node.Dockerfile"), """
                FROM node:20
                WORKDIR /app
                COPY package.json package-lock.json ./
                RUN npm ci && npm cache clean --force
                COPY . .
                RUN npm run build
                CMD ["node", "dist/server.js"]
                """);
        CliRun left = CliRun.of("fix", "--only", "WH006", node.toString());
        assertThat(left.exitCode()).isZero();
        assertThat(left.err()).contains(node + ":4:").contains("WH006 not fixed: a later build step");
    }

    @Test
    void usageAndInputErrors(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("Dockerfile"), BEFORE);
        assertThat(CliRun.of("fix", "--only", "WH999", file.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("fix", "--diff", "--write", file.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("fix", "--base", "alpine", file.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("fix", "--multi-stage", "--base", "tiny", file.toString()).exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("fix", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no such file");
        Path bad = Files.writeString(dir.resolve("bad"), "# escape=x\nFROM debian\n");
        CliRun rejected = CliRun.of("fix", "--write", bad.toString());
        assertThat(rejected.exitCode()).isEqualTo(3);
        assertThat(rejected.err()).contains(bad + ":1:1:");
        assertThat(Files.readString(bad)).isEqualTo("# escape=x\nFROM debian\n");
    }
}
