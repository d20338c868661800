package dev.whittle.explore;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.TestImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle explore} as a user starts it: a real pseudo-terminal (python3-pexpect) and a VT100 screen
 * (python3-pyte) that shows what the terminal would. Skipped when those are not installed.
 */
@Tag("integration")
class ExplorePtyTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void startsOnARealTerminalFollowsKeysAndQuitsRestoringIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON);
        assumeTrue(new ProcessBuilder(PYTHON, "-c", "import pexpect, pyte").start().waitFor() == 0,
                "python3-pexpect and python3-pyte are not installed");
        Path archive = dir.resolve("app.tar");
        TestImage.builder()
                .layer(layer().dir("etc").file("etc/os-release", 50).file("bin/sh", 200), "ADD rootfs.tar /")
                .layer(layer().file("var/cache/apt/archives/curl.deb", 40_000).file("usr/bin/curl", 5_000),
                        "RUN /bin/sh -c apt-get install -y curl")
                .layer(layer().whiteout("var/cache/apt/archives"), "RUN /bin/sh -c rm -rf /var/cache/apt/archives")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        Path script = dir.resolve("pty_explore.py");
        try (InputStream in = getClass().getResourceAsStream("pty_explore.py")) {
            Files.copy(in, script);
        }
        String steps = new ObjectMapper().writeValueAsString(List.of(
                List.of("", "layer 0 of 3"),
                List.of("\033[B", "layer 1 of 3"),
                List.of("\t/curl\r", "/curl"),
                // explain ran beside the first screens: its findings are in their pane (titled with their count)
                List.of("\033\t", "Findings ("),
                List.of("q", "")));
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), dir.toString(), steps, "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.whittle.cli.Main", "explore", archive.toString()));
        // The last step waits for the end (null): send q, then read until the program exits.
        command.set(3, steps.replace("[\"q\",\"\"]", "[\"q\",null]"));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        JsonNode r = new ObjectMapper().readTree(out);
        assertThat(r.path("ok").asBoolean()).as(out).isTrue();
        String opened = String.join("\n", lines(r.path("screens").get(0)));
        assertThat(opened).contains("whittle explore").contains(">  0").contains("ADD rootfs.tar /")
                .contains("A     200 B").contains("sh");
        String layer1 = String.join("\n", lines(r.path("screens").get(1)));
        assertThat(layer1).contains("layer 1 of 3").contains(">  1   45.0 kB  RUN apt-get insta")
                .contains("A   40.0 kB").contains("curl.deb").contains("45.0 kB in 2 files · 40.0 kB hidden later");
        String filtered = String.join("\n", lines(r.path("screens").get(2)));
        assertThat(filtered).contains("Files · L1 changes · /curl").doesNotContain("os-release");
        String findings = String.join("\n", lines(r.path("screens").get(3)));
        assertThat(findings).containsPattern("Findings \\([1-9]").containsPattern(">\\s+[0-9.]+ kB WX[0-9]+ L1")
                .doesNotContain("explaining...");
        assertThat(r.path("exit").asText()).isEqualTo("0");
        assertThat(r.path("after").asText()).isEqualTo(r.path("before").asText()).isNotEmpty();
        assertThat(r.path("tail").asText()).contains("\033[?1049l").containsPattern("\033\\[\\?(12;)?25h");
    }

    private static List<String> lines(JsonNode screen) {
        List<String> out = new ArrayList<>();
        screen.forEach(l -> out.add(l.asText()));
        return out;
    }
}
