package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.Limits;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text inputs reach the CLI as one clear line on stderr and the documented exit code: never a stack trace, an
 * {@code OutOfMemoryError} or a message only a Java developer can read ("Input length = 1", "For input string").
 */
class HostileInputCliTest {
    @TempDir
    static Path dir;
    static Path image;
    static Path dockerfile;

    @BeforeAll
    static void write() throws IOException {
        image = dir.resolve("app.tar");
        TestImage.builder().layer(LayerTarBuilder.layer().file("app/a", 10), "ADD a /").repoTag("a/b:1").build()
                .writeDockerArchive(image, DockerArchiveVariant.CLASSIC);
        dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM debian:12\nRUN true\n");
    }

    @Test
    void endlessInputsAreCutAtTheTextLimit() throws IOException {
        CliRun lint = CliRun.of("lint", "/dev/zero");
        assertOneLine(lint, 3, "cannot read Dockerfile /dev/zero: larger than 16 MiB, the limit for a text input");
        CliRun lintConfig = CliRun.of("lint", "--config", "/dev/zero", dockerfile.toString());
        assertOneLine(lintConfig, 2, "--config /dev/zero: not a regular file");
        CliRun ci = CliRun.of("ci", "--config", "/dev/zero", image.toString());
        assertOneLine(ci, 2, "--config /dev/zero: not a regular file");
        Path bigConfig = dir.resolve("big.yml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(bigConfig.toFile(), "rw")) {
            f.setLength(Limits.MAX_TEXT_INPUT + 1L);
        }
        String tooLarge = "larger than 16 MiB, the limit for a text input (docs/limits.md)";
        assertOneLine(CliRun.of("ci", "--config", bigConfig.toString(), image.toString()), 3,
                "cannot read config " + bigConfig + ": " + tooLarge);
        assertOneLine(CliRun.of("lint", "--config", bigConfig.toString(), dockerfile.toString()), 3,
                "cannot read config " + bigConfig + ": " + tooLarge);
    }

    @Test
    void textThatIsNotUtf8SaysWhereAndWhatToDo() throws IOException {
        Path latin1 = Files.write(dir.resolve("Dockerfile.latin1"), "FROM debian\n# caf\u00e9\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun lint = CliRun.of("lint", latin1.toString());
        assertOneLine(lint, 3, "not UTF-8 text: byte 0xe9 at offset 17 (line 2); save the file as UTF-8");
        assertThat(lint.err()).doesNotContain("Input length");
    }

    @Test
    void deeplyNestedExpansionsAreRefusedNotOverflowed() throws IOException {
        String deep = "${a:-".repeat(2_000) + "x" + "}".repeat(2_000);
        Path file = Files.writeString(dir.resolve("Dockerfile.deep"), "FROM debian:12\nARG a\nRUN echo " + deep
                + "\nENV B=" + deep + "\nFROM debian:12 AS " + deep + "\n");
        CliRun lint = CliRun.of("lint", file.toString());
        assertThat(lint.err()).doesNotContain("StackOverflowError").doesNotContain("\tat ");
        assertThat(lint.exitCode()).as(lint.err()).isIn(0, 1, 3);
    }

    @Test
    void deeplyNestedYamlIsRefusedWithTheLimit() throws IOException {
        Path flow = Files.writeString(dir.resolve("deep-flow.yml"), "ci:\n  x: " + "[".repeat(2_000)
                + "]".repeat(2_000) + "\n");
        assertOneLine(CliRun.of("ci", "--config", flow.toString(), image.toString()), 2,
                ":2: YAML nested more than 50 levels deep (the limit, docs/limits.md)");
        StringBuilder block = new StringBuilder("lint:\n");
        for (int i = 0; i < 2_000; i++) {
            block.append(" ".repeat(i + 1)).append("k").append(i).append(":\n");
        }
        Path blockFile = Files.writeString(dir.resolve("deep-block.yml"), block);
        assertOneLine(CliRun.of("lint", "--config", blockFile.toString(), dockerfile.toString()), 2,
                "YAML nested more than 50 levels deep");
    }

    @Test
    void numbersTooLargeSaySoPlainly() {
        CliRun run = CliRun.of("inspect", "docker-archive:" + image + "@99999999999999999999");
        assertOneLine(run, 2, "image number @99999999999999999999 is too large");
        assertThat(run.err()).doesNotContain("For input string");
    }

    @Test
    void errorLinesCutTheHostileValuesTheyEcho() {
        String huge = dir.resolve("x".repeat(5_000_000) + "\u001b[2J").toString();
        CliRun run = CliRun.of("inspect", huge);
        assertThat(run.exitCode()).isIn(2, 3);
        assertThat(run.err()).endsWith("\n").doesNotContain("\u001b");
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(run.err().length()).isLessThan(Limits.MAX_ERROR_LINE + 100);
        assertThat(run.err()).contains("more characters)");
    }

    private static void assertOneLine(CliRun run, int exit, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exit);
        assertThat(run.err()).contains(message).startsWith("whittle: ").doesNotContain("\tat ");
        assertThat(run.err().strip()).doesNotContain("\n");
    }
}
