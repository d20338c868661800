package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options every command shares: --json as --format json, -o written whole, -q, -f, and one name for text. */
class CommonOptionsTest {
    @TempDir
    static Path dir;
    static String image;
    static Path dirty;

    @BeforeAll
    static void inputs() throws IOException {
        Path archive = dir.resolve("app.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1000), "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1500), "RUN /bin/sh -c make tool # buildkit")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        image = archive.toString();
        dirty = Files.writeString(dir.resolve("Dockerfile"),
                "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\n");
    }

    static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void ciAndLintAcceptJsonAndStillGate() throws IOException {
        Path config = Files.writeString(dir.resolve("small.yml"), "ci:\n  max-size: 1kB\n");
        CliRun ci = CliRun.of("ci", image, "--config", config.toString(), "--json");
        assertThat(ci.exitCode()).as(ci.err()).isEqualTo(1);
        assertThat(json(ci.out()).path("kind").asText()).isEqualTo("ci");

        CliRun lint = CliRun.of("lint", dirty.toString(), "--json");
        assertThat(lint.exitCode()).as(lint.err()).isEqualTo(1);
        assertThat(json(lint.out()).isContainerNode()).isTrue();
        assertThat(lint.out()).isEqualTo(CliRun.of("lint", dirty.toString(), "--format", "json").out());
    }

    @Test
    void fixAndDockerignoreSpeakJsonToo() throws IOException {
        CliRun fix = CliRun.of("fix", dirty.toString(), "--json");
        assertThat(fix.exitCode()).as(fix.err()).isEqualTo(1);
        JsonNode doc = json(fix.out());
        assertThat(doc.path("kind").asText()).isEqualTo("fix");
        assertThat(doc.path("changed").asBoolean()).isTrue();
        assertThat(doc.path("diff").asText()).isEqualTo(CliRun.of("fix", dirty.toString()).out());
        assertThat(doc.path("applied").size()).isPositive();

        Path ctx = Files.createDirectories(dir.resolve("json-ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY . .\n");
        Files.createDirectories(ctx.resolve(".git"));
        Files.writeString(ctx.resolve(".git/HEAD"), "x".repeat(100));
        CliRun ignore = CliRun.of("dockerignore", ctx.toString(), "--json");
        assertThat(ignore.exitCode()).as(ignore.err()).isEqualTo(1);
        JsonNode proposal = json(ignore.out());
        assertThat(proposal.path("kind").asText()).isEqualTo("dockerignore");
        assertThat(proposal.path("added").get(0).path("pattern").asText()).isEqualTo(".git");
        assertThat(proposal.path("bytesBefore").asLong() - proposal.path("bytesAfter").asLong()).isEqualTo(100);
    }

    @Test
    void jsonAndAnotherFormatTogetherAreBadUsage() {
        CliRun run = CliRun.of("inspect", image, "--json", "--format", "text");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("whittle: --json and --format text ask for different formats\n");
        assertThat(CliRun.of("inspect", image, "--json", "--format", "JSON").exitCode()).isZero();
    }

    @Test
    void textIsTheHumanFormatEverywhereAndTtyStillWorksForLint() {
        CliRun text = CliRun.of("lint", dirty.toString(), "--format", "text");
        CliRun tty = CliRun.of("lint", dirty.toString(), "--format", "tty");
        CliRun dflt = CliRun.of("lint", dirty.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(tty.out()).isEqualTo(text.out()).isEqualTo(dflt.out()).contains("WH0");
        assertThat(CliRun.of("inspect", image, "--format", "text").out())
                .isEqualTo(CliRun.of("inspect", image).out());
    }

    @Test
    void outputFileHoldsTheResultAndStdoutNothing() throws IOException {
        Path out = dir.resolve("inspect.json");
        CliRun run = CliRun.of("inspect", image, "--json", "-o", out.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(json(Files.readString(out)).path("kind").asText()).isEqualTo("inspect");
        assertThat(Files.readString(out)).isEqualTo(CliRun.of("inspect", image, "--json").out());
        CliRun lint = CliRun.of("lint", dirty.toString(), "--output", dir.resolve("lint.sarif").toString(),
                "--format", "sarif");
        assertThat(lint.exitCode()).as("the gate still fails").isEqualTo(1);
        assertThat(json(Files.readString(dir.resolve("lint.sarif"))).path("version").asText()).isEqualTo("2.1.0");
    }

    @Test
    void aFailedRunLeavesAnExistingOutputFileAsItWas() throws IOException {
        Path out = Files.writeString(dir.resolve("kept.txt"), "yesterday's report\n");
        CliRun run = CliRun.of("inspect", dir.resolve("missing.tar").toString(), "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(out).hasContent("yesterday's report");
        assertThat(CliRun.of("inspect", image, "-o", dir.resolve("no/such/dir/x").toString()).err())
                .isEqualTo("whittle: -o " + dir.resolve("no/such/dir/x") + ": no such directory\n");
        assertThat(CliRun.of("inspect", image, "-o", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void aRendererThatFailsHalfWayLeavesNoFileAndNoTemporary(@TempDir Path where) throws IOException {
        Path target = where.resolve("out.txt");
        assertThatThrownBy(() -> OutputFile.write(target, w -> {
            w.write("half a report");
            throw new IllegalStateException("renderer failed");
        })).hasMessage("renderer failed");
        try (Stream<Path> left = Files.list(where)) {
            assertThat(left).isEmpty();
        }
        OutputFile.write(target, w -> w.write("whole"));
        assertThat(target).hasContent("whole");
        assertThat(Files.getPosixFilePermissions(target)).as("readable like any file the user writes")
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ);
    }

    @Test
    void quietDropsNotesButNotResultsOrErrors() {
        CliRun loud = CliRun.of("fix", dirty.toString());
        CliRun quiet = CliRun.of("fix", dirty.toString(), "-q");
        assertThat(loud.err()).isNotEmpty();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).isEqualTo(loud.out()).isNotEmpty();
        assertThat(quiet.exitCode()).isEqualTo(loud.exitCode()).isEqualTo(1);
        assertThat(CliRun.of("fix", dir.resolve("nope").toString(), "--quiet").err()).startsWith("whittle: ");
    }

    @Test
    void dashFNamesTheDockerfileAsInDockerBuild() throws IOException {
        CliRun lint = CliRun.of("lint", "-f", dirty.toString());
        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.out()).isEqualTo(CliRun.of("lint", dirty.toString()).out());
        CliRun hadolintHabit = CliRun.of("lint", "-f", "json", dirty.toString());
        assertThat(hadolintHabit.exitCode()).isEqualTo(2);
        assertThat(hadolintHabit.err()).contains("-f names the Dockerfile").contains("--format json");

        CliRun explain = CliRun.of("explain", image, "-f", dirty.toString(), "--json");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        assertThat(explain.out()).isEqualTo(CliRun.of("explain", image, "--dockerfile", dirty.toString(), "--json")
                .out());
        Path ctx = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(ctx.resolve("api.Dockerfile"), "FROM scratch\nCOPY . .\n");
        Files.createDirectories(ctx.resolve(".git"));
        Files.writeString(ctx.resolve(".git/HEAD"), "x");
        assertThat(CliRun.of("dockerignore", ctx.toString(), "-f", ctx.resolve("api.Dockerfile").toString()).out())
                .contains("+.git");
    }

    @Test
    void reportWritesHtmlOnlyAndSaysWhereUnlessQuiet() throws IOException {
        Path html = dir.resolve("r.html");
        CliRun run = CliRun.of("report", image, "--no-explain", "-o", html.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("wrote " + html);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>");
        assertThat(CliRun.of("report", image, "--no-explain", "-o", html.toString(), "-q").err()).isEmpty();
        CliRun json = CliRun.of("report", image, "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.err()).isEqualTo("whittle: --json: report prints html, not JSON\n");
    }

    @Test
    void formatNamesParseCaseInsensitivelyAndNothingElse() {
        assertThat(Format.parseOrNull("SARIF")).isEqualTo(Format.SARIF);
        assertThat(Format.parseOrNull("tty")).isEqualTo(Format.TEXT);
        assertThat(Format.parseOrNull("xml")).isNull();
        CliRun xml = CliRun.of("lint", dirty.toString(), "--format", "xml");
        assertThat(xml.exitCode()).isEqualTo(2);
        assertThat(xml.err()).isEqualTo("whittle: --format xml: lint prints text, json, sarif, checkstyle, junit or "
                + "github\n");
    }
}
