package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsAndFindCommandTest {
    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void writeImage() {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("usr/bin").file("usr/bin/node", 5000).symlink("bin", "usr/bin")
                        .dir("app").file("app/server.js", 300).file("app/npm-debug.log", 40)
                        .dir("root/.npm/_cacache").file("root/.npm/_cacache/index", 700), "COPY . /")
                .layer(LayerTarBuilder.layer().file("app/server.js", 350).file("app/test/a.test.js", 20)
                        .file("app/logs/old.log", 60).whiteout("app/npm-debug.log"), "COPY app /app")
                .build();
        archive = dir.resolve("img.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
    }

    @Test
    void lsListsTheRootWithSizesAndFollowsSymlinksInsideTheImage() {
        CliRun root = CliRun.of("ls", archive.toString(), "--du");
        assertThat(root.exitCode()).as(root.err()).isZero();
        assertThat(root.out()).contains("app/").contains("bin -> usr/bin").contains("usr/");
        CliRun bin = CliRun.of("ls", archive.toString(), "/bin");
        assertThat(bin.exitCode()).as(bin.err()).isZero();
        assertThat(bin.out()).startsWith("/bin -> /usr/bin").contains("node").contains("5.00 kB");
    }

    @Test
    void lsDuShowsDirectoryTotals() throws Exception {
        CliRun run = CliRun.of("ls", "--json", "--du", "--depth", "-1", archive.toString(), "/app");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("kind").asText()).isEqualTo("ls");
        assertThat(json.at("/entries/0/path").asText()).isEqualTo("/app");
        assertThat(json.at("/entries/0/totalBytes").asLong()).isEqualTo(350 + 20 + 60);
    }

    @Test
    void lsLayerMarksAddedModifiedDeleted() {
        CliRun run = CliRun.of("ls", "--layer", "1", archive.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Layer 1: COPY app /app");
        assertThat(run.out().lines()).anyMatch(l -> l.matches("M\\s+350 B\\s+/app/server.js"));
        assertThat(run.out().lines()).anyMatch(l -> l.matches("A\\s+20 B\\s+/app/test/a.test.js"));
        assertThat(run.out().lines()).anyMatch(l -> l.matches("D\\s+40 B\\s+/app/npm-debug.log"));
    }

    @Test
    void lsOfAMissingLayerOrPathIsAClearError() {
        CliRun layer = CliRun.of("ls", "--layer", "7", archive.toString());
        assertThat(layer.exitCode()).isEqualTo(2);
        assertThat(layer.err()).contains("2 layers");
        CliRun path = CliRun.of("ls", archive.toString(), "/nope");
        assertThat(path.exitCode()).isEqualTo(3);
        assertThat(path.err()).contains("/nope");
        assertThat(path.out()).isEmpty();
    }

    @Test
    void findMatchesGlobsWithATotal() throws Exception {
        CliRun run = CliRun.of("find", "--json", archive.toString(), "*.log", "**/*.test.js", "/root/.npm");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("matches")).extracting(n -> n.path("path").asText())
                .containsExactly("/app/logs/old.log", "/app/test/a.test.js", "/root/.npm");
        assertThat(json.path("totalBytes").asLong()).isEqualTo(60 + 20 + 700);
        CliRun text = CliRun.of("find", archive.toString(), "*.log");
        assertThat(text.out()).contains("/app/logs/old.log").contains("1 matches, 60 B");
    }
}
