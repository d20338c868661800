package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code whittle compare} on the bundled demo pair; the expected numbers are those examples/README.md documents for
 * the generated images (content 42,697,287 -> 8,388,844 bytes; 9 -> 6 layers; hidden 9,918,798 -> 0).
 */
class CompareCommandTest {
    static final Path BEFORE = Path.of("examples/demo-before.tar.gz");
    static final Path AFTER = Path.of("examples/demo-after.tar.gz");

    @Test
    void demoBeforeAfterJson() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(BEFORE) && Files.exists(AFTER));
        CliRun run = CliRun.of("compare", "--json", "--files", "--layers", BEFORE.toString(), AFTER.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("kind").asText()).isEqualTo("compare");
        JsonNode before = json.path("images").get(0);
        JsonNode after = json.path("images").get(1);
        assertThat(before.path("contentBytes").asLong()).isEqualTo(42_697_287L);
        assertThat(after.path("contentBytes").asLong()).isEqualTo(8_388_844L);
        assertThat(after.path("contentChange").path("absolute").asLong()).isEqualTo(8_388_844L - 42_697_287L);
        assertThat(after.path("contentChange").path("percent").asDouble())
                .isCloseTo(100.0 * (8_388_844L - 42_697_287L) / 42_697_287L, within(1e-9));
        assertThat(before.path("layers").asInt()).isEqualTo(9);
        assertThat(after.path("layers").asInt()).isEqualTo(6);
        assertThat(before.path("wastedBytes").asLong()).isEqualTo(9_918_798L);
        assertThat(after.path("wastedBytes").asLong()).isZero();
        assertThat(after.path("efficiency").asDouble()).isEqualTo(1.0);
        // Shared with before (README layer tables): node 4,364,034, WORKDIR 0, package files 6,436, dist 77,600.
        JsonNode layers = json.path("layers").get(0);
        assertThat(layers.path("sharedCount").asInt()).isEqualTo(4);
        assertThat(layers.path("sharedBytes").asLong()).isEqualTo(4_364_034L + 6_436 + 77_600);
        assertThat(layers.path("newBytes").asLong()).isEqualTo(3_041_687L + 899_087);
        JsonNode files = json.path("files");
        assertThat(files.path("bytesBefore").asLong()).isEqualTo(32_778_489L);
        assertThat(files.path("bytesAfter").asLong()).isEqualTo(8_388_844L);
        long net = 0;
        for (JsonNode f : files.path("files")) {
            net += f.path("after").asLong() - f.path("before").asLong();
        }
        assertThat(net).isEqualTo(8_388_844L - 32_778_489L);
        assertThat(files.path("files").get(0).path("path").asText())
                .isEqualTo("/app/node_modules/typescript/lib/typescript.js");
        assertThat(files.path("files").get(0).path("kind").asText()).isEqualTo("REMOVED");
    }

    @Test
    void demoTextAndMarkdown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(BEFORE) && Files.exists(AFTER));
        CliRun text = CliRun.of("compare", BEFORE.toString(), AFTER.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("42.7 MB").contains("8.39 MB").contains("-34.3 MB (-80.4%)")
                .contains("-3 (-33.3%)").contains("+23.2 pp");
        CliRun md = CliRun.of("compare", "--format", "markdown", "--layers", BEFORE.toString(), AFTER.toString());
        assertThat(md.out()).contains("| Image | Size | Change |").contains("| `examples/demo-after.tar.gz` | 8.39 MB | "
                + "-34.3 MB (-80.4%) |").contains("shared (#1)").contains("**new**");
    }

    @Test
    void needsTwoImages() {
        CliRun run = CliRun.of("compare", BEFORE.toString());
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
