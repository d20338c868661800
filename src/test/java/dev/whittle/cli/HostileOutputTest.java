package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output must never become the leak or the attack: every command in every format, run on an image whose history
 * carries secrets and whose history, comments and file names carry terminal escapes and newlines, prints no secret
 * value, no raw control character (human formats escape them, JSON, SARIF and XML encode them), and no forged line.
 */
class HostileOutputTest {
    private static final String ESC = "\u001b";
    private static final String[] SECRETS = {"npm-secret-value-1", "aws-secret-value-2", "url-secret-3",
        "api-secret-4", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"};
    /** A line an attacker would like the report to show. */
    private static final String FORGED = "FORGED LINE";

    @TempDir
    static Path dir;
    static Path archive;
    static Path other;

    @BeforeAll
    static void writeImages() {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("app").file("app/" + ESC + "]0;owned\u0007evil", 300)
                        .file("app/line\n" + FORGED, 200).file("app/bidi\u202etxt.exe", 10)
                        .file("tmp/" + ESC + "[2Jbig", 5_000), "|1 NPM_TOKEN=npm-secret-value-1 /bin/sh -c npm ci")
                .emptyStep("/bin/sh -c #(nop)  ENV AWS_SECRET_ACCESS_KEY=aws-secret-value-2")
                .comment("buildkit" + ESC + "[2J\n" + FORGED)
                .layer(LayerTarBuilder.layer().file("app/x", 10),
                        "RUN /bin/sh -c curl https://bob:url-secret-3@example.org/a && echo " + ESC + "]0;title\u0007"
                                + "\n" + FORGED + " # buildkit")
                .layer(LayerTarBuilder.layer().whiteout("tmp/" + ESC + "[2Jbig"),
                        "/bin/sh -c #(nop)  ARG API_TOKEN=api-secret-4 GH=ghp_abcdefghijklmnopqrstuvwxyz0123456789")
                .repoTag("hostile/app:1")
                .build();
        archive = dir.resolve("hostile.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        other = dir.resolve("other.tar");
        TestImage.builder().layer(LayerTarBuilder.layer().file("app/y", 10), "ADD y /")
                .repoTag("other/app:1").build().writeDockerArchive(other, DockerArchiveVariant.CLASSIC);
    }

    @Test
    void humanFormatsMaskSecretsAndEscapeControlCharacters() {
        String a = archive.toString();
        List<String[]> runs = new ArrayList<>(List.of(
                new String[] {"inspect", "--no-trunc", a},
                new String[] {"ls", "--depth", "5", a, "/"},
                new String[] {"ls", "--layer", "0", a},
                new String[] {"ls", "--layer", "1", a},
                new String[] {"ls", "--layer", "2", a},
                new String[] {"find", a, "**"},
                new String[] {"explain", a},
                new String[] {"explain", "--format", "markdown", a},
                new String[] {"compare", "--layers", "--files", other.toString(), a},
                new String[] {"compare", "--layers", "--files", "--format", "markdown", other.toString(), a},
                new String[] {"ci", a},
                new String[] {"ci", "--format", "markdown", a},
                new String[] {"ci", "--format", "github", a}));
        for (String[] args : runs) {
            CliRun run = CliRun.of(args);
            String what = String.join(" ", args);
            assertThat(run.exitCode()).as(what + ": " + run.err()).isIn(0, 1);
            assertClean(what, run.out());
            assertThat(run.out()).as(what).doesNotContain("\n" + FORGED).doesNotContain("\u202e");
        }
        CliRun inspect = CliRun.of("inspect", "--no-trunc", a);
        assertThat(inspect.out()).contains("https://bob:****@example.org")
                .contains("API_TOKEN=****").contains("\\x1b]0;title\\x07\\n" + FORGED);
        CliRun ls = CliRun.of("ls", "--depth", "5", a, "/");
        assertThat(ls.out()).contains("\\x1b]0;owned\\x07evil").contains("line\\n" + FORGED)
                .contains("bidi\\u202etxt.exe");
    }

    @Test
    void machineFormatsMaskSecretsAndEncodeControlCharacters() throws IOException {
        String a = archive.toString();
        ObjectMapper json = new ObjectMapper();
        List<String[]> jsonRuns = List.of(
                new String[] {"inspect", "--json", a},
                new String[] {"ls", "--json", "--depth", "5", a, "/"},
                new String[] {"ls", "--json", "--layer", "1", a},
                new String[] {"find", "--json", a, "**"},
                new String[] {"explain", "--json", a},
                new String[] {"compare", "--json", "--layers", "--files", other.toString(), a},
                new String[] {"ci", "--format", "json", a},
                new String[] {"ci", "--format", "sarif", a});
        for (String[] args : jsonRuns) {
            CliRun run = CliRun.of(args);
            String what = String.join(" ", args);
            assertThat(run.exitCode()).as(what + ": " + run.err()).isIn(0, 1);
            assertClean(what, run.out());
            json.readTree(run.out());
        }
        assertThat(CliRun.of("inspect", "--json", a).out()).contains("NPM_TOKEN=****");
        CliRun junit = CliRun.of("ci", "--format", "junit", a);
        assertClean("ci junit", junit.out());
        Path html = dir.resolve("report.html");
        CliRun report = CliRun.of("report", "-o", html.toString(), a);
        assertThat(report.exitCode()).as(report.err()).isZero();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertClean("report", page);
        assertThat(page).contains("NPM_TOKEN=****");
    }

    private static void assertClean(String what, String out) {
        for (String secret : SECRETS) {
            assertThat(out).as(what + " leaks " + secret).doesNotContain(secret);
        }
        assertThat(out).as(what + " prints a raw ESC").doesNotContain(ESC);
        assertThat(out).as(what + " prints a raw BEL").doesNotContain("\u0007");
    }
}
