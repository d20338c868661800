package dev.whittle.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Dockerfiles written the way projects write them (src/test/resources/dockerfiles): each parses without error and
 * its key facts come out right: stage count, the stage that gets built and its base image, the stages it copies
 * from, and the programs each RUN executes (RUNs separated by {@code |}).
 */
class RealWorldCorpusTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "go-cross-compile;       2; final;   gcr.io/distroless/static-debian12:nonroot; build;        go | go",
        "go-scratch;             2; 1;       scratch;                                   builder;      apk update-ca-certificates | go | go",
        "heredoc-tools;          1; 0;       ubuntu:22.04;                              ;             set rm apt-get apt-get | bash chmod [ chown",
        "java-gradle;            2; runtime; eclipse-temurin:17-jre-jammy;              builder;      gradle true | gradle | groupadd useradd",
        "java-maven;             2; 1;       eclipse-temurin:21-jre-alpine;             build;        mvn | mvn mkdir cd jar",
        "node-npm-multistage;    3; final;   node:20.11.1-alpine;                       deps build;   npm | npm | npm",
        "node-yarn-single;       1; 0;       node:18;                                   ;             yarn yarn | yarn rm",
        "onbuild-base;           1; 0;       node:20-bookworm-slim;                     ;             npm npm",
        "php-composer;           2; 1;       php:8.3-fpm-alpine;                        vendor;       composer | apk apk docker-php-ext-install apk | chown",
        "python-flask-single;    1; 0;       python:3.11;                               ;             apt-get apt-get | pip | pip",
        "python-poetry-venv;     2; runtime; python:3.12-slim;                          builder;      apt-get apt-get rm | pip | poetry | apt-get apt-get apt-get rm",
        "react-nginx;            2; 1;       nginx:stable-alpine;                       build;        npm | npm",
        "ruby-rails;             3; 2;       base;                                      build;        apt-get apt-get | bundle rm bundle | rails | apt-get apt-get rm | useradd chown",
        "rust-cargo;             2; final;   debian:bookworm-slim;                      build;        apt-get apt-get rm | set cargo cp | adduser",
        "windows-backtick;       1; 0;       mcr.microsoft.com/windows/servercore:ltsc2022; ;         New-Item Add-Content",
    })
    void parsesAndKnowsItsKeyFacts(String name, int stages, String built, String baseImage, String copiedFrom,
            String runs) throws IOException {
        Dockerfile df = Dockerfile.parse(read(name));
        BuildPlan plan = BuildPlan.of(df);
        assertThat(df.errors()).isEmpty();
        assertThat(df.warnings()).isEmpty();
        assertThat(plan.problems()).isEmpty();
        assertThat(plan.stages()).hasSize(stages);
        Stage shipped = plan.builtStage().orElseThrow();
        assertThat(shipped.displayName()).isEqualTo(built);
        assertThat(shipped.baseImage()).isEqualTo(baseImage);
        assertThat(plan.copiedFrom(shipped)).extracting(Stage::displayName)
                .containsExactlyElementsOf(copiedFrom == null ? List.of() : List.of(copiedFrom.split(" ")));
        assertThat(runCommands(df)).isEqualTo(runs);
    }

    @Test
    void commandsInsideAHeredocKnowTheirLines() throws IOException {
        Dockerfile df = Dockerfile.parse(read("rust-cargo"));
        Instruction run = df.instructions().stream().filter(i -> !i.heredocs().isEmpty()).findFirst().orElseThrow();
        ShellCommand cargo = ShellScript.of(run).first("cargo").orElseThrow();
        assertThat(cargo.line()).isEqualTo(19);
        assertThat(cargo.args()).containsExactly("build", "--locked", "--release");
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/usr/local/cargo/registry/cache")).isTrue();
    }

    @Test
    void aptInstallArgumentsAndCacheMountsAreReadable() throws IOException {
        Dockerfile df = Dockerfile.parse(read("heredoc-tools"));
        Instruction run = df.instructions().get(2);
        ShellCommand install = ShellScript.of(run).commands("apt-get").get(1);
        assertThat(install.positionalsAfter("install")).containsExactly("curl", "ca-certificates", "jq");
        assertThat(install.hasFlag("--no-install-recommends")).isTrue();
        assertThat(install.line()).isEqualTo(10);
        assertThat(RunMount.coveredByCacheOrTmpfs(run, "/var/lib/apt/lists/*")).isTrue();
    }

    private static String runCommands(Dockerfile df) {
        return df.instructions().stream()
                .filter(i -> i.onbuildChild().orElse(i).is(Keyword.RUN))
                .map(i -> ShellScript.of(i).commands().stream().map(ShellCommand::name)
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" | "));
    }

    private static String read(String name) throws IOException {
        try (InputStream in = RealWorldCorpusTest.class.getResourceAsStream("/dockerfiles/" + name + ".Dockerfile")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
