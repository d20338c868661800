package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes mean the same on every command and in every format: each command, in each format it prints (and with
 * {@code --json} where it prints JSON), to standard output and (first and last format) to {@code -o FILE}, on a run that passes (0), one that
 * fails the gate the command offers (1), bad usage (2) and an unreadable input (3). A failed run prints one line on
 * stderr and nothing on stdout, and leaves no file behind; a run with {@code -o} prints its result to the file only.
 * Some 250 runs take half a minute: it runs with the integration tests ({@code mvn verify}).
 */
@Tag("integration")
class ExitCodeMatrixTest {
    @TempDir
    static Path dir;

    static String image;
    static String missing;
    static Map<String, String> files;

    @BeforeAll
    static void inputs() throws IOException {
        TestImage img = TestImage.builder()
                .layer(LayerTarBuilder.layer().file("etc/os-release", 100).file("usr/bin/tool", 1000),
                        "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(LayerTarBuilder.layer().file("app/server.js", 400).file("app/.git/HEAD", 30),
                        "COPY . . # buildkit")
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1500), "RUN /bin/sh -c make tool # buildkit")
                .repoTag("demo/app:1")
                .build();
        Path archive = dir.resolve("app.tar");
        img.writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        image = archive.toString();
        missing = dir.resolve("no-such-image.tar").toString();
        Path clean = Files.writeString(dir.resolve("clean.Dockerfile"),
                "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT [\"/app\"]\n");
        Path dirty = Files.writeString(dir.resolve("dirty.Dockerfile"),
                "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\n");
        Path pass = Files.writeString(dir.resolve("pass.yml"), "ci:\n  max-size: 1GB\n");
        Path fail = Files.writeString(dir.resolve("fail.yml"), "ci:\n  max-size: 1kB\n");
        Path bad = Files.writeString(dir.resolve("bad.yml"), "ci:\n  max-sise: 1kB\n");
        Path off = Files.writeString(dir.resolve("off.dive-ci"),
                "rules:\n  lowestEfficiency: off\n  highestWastedBytes: off\n  highestUserWastedPercent: off\n");
        Path cleanCtx = Files.createDirectories(dir.resolve("clean-ctx"));
        Files.writeString(cleanCtx.resolve("Dockerfile"), "FROM scratch\nCOPY app /app\n");
        Files.writeString(cleanCtx.resolve("app"), "x");
        Path dirtyCtx = Files.createDirectories(dir.resolve("dirty-ctx"));
        Files.writeString(dirtyCtx.resolve("Dockerfile"), "FROM node:20\nCOPY . .\n");
        Files.createDirectories(dirtyCtx.resolve(".git"));
        Files.writeString(dirtyCtx.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        files = Map.of("clean", clean.toString(), "dirty", dirty.toString(), "pass", pass.toString(),
                "fail", fail.toString(), "bad", bad.toString(), "off", off.toString(),
                "cleanCtx", cleanCtx.toString(), "dirtyCtx", dirtyCtx.toString());
    }

    /** One command's runs: args for each outcome, null where the command has no such outcome. */
    record Scenarios(String command, List<Format> formats, String[] ok, String[] gate, String[] usage,
            String[] input) {
    }

    static List<Scenarios> scenarios() {
        String[] ci = {"--dive-ci", files.get("off"), "--config"};
        return List.of(
                new Scenarios("inspect", List.of(Format.TEXT, Format.JSON), a("inspect", image), null,
                        a("inspect", image, "--top", "-1"), a("inspect", missing)),
                new Scenarios("ls", List.of(Format.TEXT, Format.JSON), a("ls", image, "/app"), null,
                        a("ls", image, "--depth", "-5"), a("ls", missing)),
                new Scenarios("find", List.of(Format.TEXT, Format.JSON), a("find", image, "*.js"), null,
                        a("find", image, "[a"), a("find", missing, "*.js")),
                new Scenarios("explain", List.of(Format.TEXT, Format.JSON, Format.MARKDOWN), a("explain", image),
                        null, a("explain", image, "--context", dir.resolve("nope").toString()),
                        a("explain", missing)),
                new Scenarios("compare", List.of(Format.TEXT, Format.JSON, Format.MARKDOWN),
                        a("compare", image, image), null, a("compare", image, image, "--depth", "0"),
                        a("compare", image, missing)),
                new Scenarios("size", List.of(Format.TEXT, Format.JSON), a("size", image), null,
                        a("size", image, "--instances", "0"), a("size", missing)),
                new Scenarios("ci", List.of(Format.TEXT, Format.JSON, Format.JUNIT, Format.SARIF, Format.MARKDOWN,
                        Format.GITHUB), cat(a("ci", image), ci, a(files.get("pass"))),
                        cat(a("ci", image), ci, a(files.get("fail"))), cat(a("ci", image), ci, a(files.get("bad"))),
                        cat(a("ci", missing), ci, a(files.get("pass")))),
                new Scenarios("report", List.of(Format.HTML), a("report", image, "--no-explain"), null,
                        a("report", image, "--no-such-flag"), a("report", missing)),
                new Scenarios("lint", List.of(Format.TEXT, Format.JSON, Format.SARIF, Format.CHECKSTYLE, Format.JUNIT,
                        Format.GITHUB), a("lint", files.get("clean")), a("lint", files.get("dirty")),
                        a("lint", "--failure-threshold", "fatal", files.get("clean")),
                        a("lint", dir.resolve("no.Dockerfile").toString())),
                new Scenarios("fix", List.of(Format.TEXT, Format.JSON), a("fix", files.get("clean")), a("fix", files.get("dirty")),
                        a("fix", "--only", "WH999", files.get("dirty")), a("fix", dir.resolve("no.Dockerfile")
                                .toString())),
                new Scenarios("dockerignore", List.of(Format.TEXT, Format.JSON), a("dockerignore", files.get("cleanCtx")),
                        a("dockerignore", files.get("dirtyCtx")), a("dockerignore", dir.resolve("nope").toString()),
                        a("dockerignore", files.get("cleanCtx"), "-f", dir.resolve("no.Dockerfile").toString())));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandEveryFormatEveryOutcome() {
        List<DynamicTest> tests = new ArrayList<>();
        int[] n = {0};
        for (Scenarios s : scenarios()) {
            for (Format f : s.formats()) {
                List<String[]> spellings = new ArrayList<>();
                spellings.add(a("--format", f.label()));
                if (f == Format.JSON) {
                    spellings.add(a("--json"));
                }
                for (String[] formatArgs : spellings) {
                    // -o takes one path for every format: the first and last formats are enough to prove it.
                    boolean fileToo = f == s.formats().get(0) || f == s.formats().get(s.formats().size() - 1);
                    for (boolean toFile : fileToo ? new boolean[] {false, true} : new boolean[] {false}) {
                        addCase(tests, s, "ok", s.ok(), 0, formatArgs, toFile, n);
                        addCase(tests, s, "gate", s.gate(), 1, formatArgs, toFile, n);
                        addCase(tests, s, "usage", s.usage(), 2, formatArgs, toFile, n);
                        addCase(tests, s, "input", s.input(), 3, formatArgs, toFile, n);
                    }
                }
            }
            // A format the command does not print is bad usage, whatever the command.
            String other = s.formats().contains(Format.SARIF) ? "html" : "sarif";
            tests.add(DynamicTest.dynamicTest(s.command() + " --format " + other + " -> 2", () -> {
                CliRun run = CliRun.of(cat(s.ok(), a("--format", other)));
                assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
                assertThat(run.out()).isEmpty();
                assertThat(run.err()).startsWith("whittle: --format " + other + ": " + s.command() + " prints ");
            }));
        }
        return tests.stream();
    }

    private static void addCase(List<DynamicTest> tests, Scenarios s, String outcome, String[] args, int exit,
                                String[] formatArgs, boolean toFile, int[] n) {
        if (args == null) {
            return;
        }
        String name = s.command() + " " + String.join(" ", formatArgs) + (toFile ? " -o FILE" : "") + ": "
                + outcome + " -> " + exit;
        tests.add(DynamicTest.dynamicTest(name, () -> {
            Path out = dir.resolve("out-" + n[0]++).resolve("result");
            Files.createDirectories(out.getParent());
            String[] all = cat(args, formatArgs);
            if (toFile || s.command().equals("report")) {
                all = cat(all, a("-o", out.toString()));
            }
            CliRun run = CliRun.of(all);
            // Nothing to report is an empty result where the format has no frame: no annotations, an empty diff.
            boolean mayBeEmpty = exit == 0 && (Arrays.asList(formatArgs).contains("github")
                    || s.command().equals("fix") || s.command().equals("dockerignore"));
            assertThat(run.exitCode()).as(name + "\nstderr: " + run.err()).isEqualTo(exit);
            boolean written = toFile || s.command().equals("report");
            if (exit >= 2) {
                assertThat(run.out()).as("stdout").isEmpty();
                assertThat(run.err()).as("stderr").startsWith("whittle: ");
                assertThat(out.getParent()).as("nothing written").isEmptyDirectory();
            } else if (written) {
                assertThat(run.out()).as("stdout").isEmpty();
                assertThat(out).as("the result").isRegularFile();
                if (!mayBeEmpty) {
                    assertThat(out).as("the result").isNotEmptyFile();
                }
                try (Stream<Path> left = Files.list(out.getParent())) {
                    assertThat(left).as("no temporary file left").containsExactly(out);
                }
            } else if (!mayBeEmpty) {
                assertThat(run.out()).as("stdout").isNotEmpty();
            }
        }));
    }

    static String[] a(String... args) {
        return args;
    }

    static String[] cat(String[]... parts) {
        return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
