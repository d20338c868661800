package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle inspect} end to end on an image whose numbers are worked out by hand:
 * <pre>
 * layer 0  ADD rootfs        /etc/os-release 100, /usr/bin/tool 1000, /var/lib/apt/lists/a 3000, /var/lib/apt/lists/b 2000
 * layer 1  RUN apt-get ...   /usr/bin/tool 1500 (overwrites 1000)
 * layer 2  RUN rm -rf lists  whiteout /var/lib/apt/lists (hides 5000)
 * content = 6100 + 1500 = 7600; visible = 100 + 1500 = 1600; wasted = 6000; efficiency = 1600/7600
 * </pre>
 */
class InspectCommandTest {
    @TempDir
    static Path dir;
    static Path archive;
    static TestImage image;

    @BeforeAll
    static void writeImage() {
        image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", 100).dir("usr/bin")
                        .file("usr/bin/tool", 1000).dir("var/lib/apt/lists").file("var/lib/apt/lists/a", 3000)
                        .file("var/lib/apt/lists/b", 2000), "/bin/sh -c #(nop) ADD file:abc in / ")
                .emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]")
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1500),
                        "RUN /bin/sh -c apt-get update && apt-get install -y tool # buildkit")
                .layer(LayerTarBuilder.layer().whiteout("var/lib/apt/lists"),
                        "|1 V=2 /bin/sh -c rm -rf /var/lib/apt/lists")
                .repoTag("demo/app:1")
                .build();
        archive = dir.resolve("app.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
    }

    @Test
    void textReportShowsHeaderLayersLargestAndWastedFiles() {
        CliRun run = CliRun.of("inspect", archive.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("7.60 kB content (7,600 bytes")
                .contains("wasted      6.00 kB in 3 hidden files")
                .contains("efficiency  21.1%")
                .contains("ADD file:abc in /")
                .contains("RUN apt-get update && apt-get install -y tool")
                .contains("RUN rm -rf /var/lib/apt/lists")
                .contains("/var/lib/apt/lists/a")
                .doesNotContain("CMD [\"bash\"]");
        assertThat(run.out().lines().filter(l -> l.matches("\\s+1\\.50 kB\\s+2\\s+/usr/bin/tool"))).isEmpty();
    }

    @Test
    void theHeaderHasOneWastedNumberAndNamesDivesMeasureForWhatItCounts() {
        CliRun run = CliRun.of("inspect", archive.toString());
        String header = run.out().substring(0, run.out().indexOf("Layers, in build order"));
        assertThat(header.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("wasted"))).hasSize(1);
        assertThat(header).contains("dive        efficiency ").contains("2.50 kB in paths several layers write,"
                + " every copy counted");
    }

    @Test
    void jsonCarriesExactNumbersAndDiveMetrics() throws Exception {
        CliRun run = CliRun.of("inspect", "--json", archive.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("schemaVersion").asText()).isEqualTo(dev.whittle.report.JsonReport.SCHEMA_VERSION);
        assertThat(json.path("kind").asText()).isEqualTo("inspect");
        assertThat(json.at("/totals/contentBytes").asLong()).isEqualTo(7600);
        assertThat(json.at("/totals/visibleBytes").asLong()).isEqualTo(1600);
        assertThat(json.at("/totals/wastedBytes").asLong()).isEqualTo(6000);
        assertThat(json.at("/totals/efficiency").asDouble()).isEqualTo(1600.0 / 7600);
        assertThat(json.at("/imageId").asText()).isEqualTo(image.configDigest().toString());
        assertThat(json.at("/layers/1/hiddenBytes").asLong()).isZero();
        assertThat(json.at("/layers/0/hiddenBytes").asLong()).isEqualTo(6000);
        assertThat(json.at("/layers/2/filesDeleted").asInt()).isEqualTo(1);
        assertThat(json.at("/wastedFiles/0/path").asText()).isEqualTo("/var/lib/apt/lists/a");
        assertThat(json.at("/wastedFiles/0/hiddenBy").asInt()).isEqualTo(2);
        // dive: paths /usr/bin/tool referenced twice (1000 + 1500); the directory deletion is not counted by dive.
        assertThat(json.at("/dive/wastedBytes").asLong()).isEqualTo(2500);
        assertThat(json.at("/dive/sizeBytes").asLong()).isEqualTo(7600);
        assertThat(json.at("/dive/userSizeBytes").asLong()).isEqualTo(1500);
        assertThat(json.at("/dive/inefficientFiles/0/path").asText()).isEqualTo("/usr/bin/tool");
    }

    @Test
    void sortBySizeListsLargestLayerFirst() {
        CliRun run = CliRun.of("inspect", "--sort", "size", archive.toString());
        String table = run.out().substring(run.out().indexOf("Layers, largest first"));
        assertThat(table.indexOf("ADD file:abc")).isLessThan(table.indexOf("RUN apt-get"));
        assertThat(table.indexOf("RUN apt-get")).isLessThan(table.indexOf("RUN rm -rf"));
    }

    @Test
    void ociGzipLayoutReportsPullSize() throws Exception {
        Path layout = dir.resolve("layout");
        image.writeOciLayout(layout, LayerCompression.GZIP, "v1");
        CliRun run = CliRun.of("inspect", "--json", "oci:" + layout + ":v1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        long blobs = 0;
        for (int i = 0; i < image.layerCount(); i++) {
            blobs += image.layerBlob(i, LayerCompression.GZIP).length;
        }
        assertThat(json.at("/totals/compressedBytes").asLong()).isEqualTo(blobs);
        assertThat(json.at("/totals/contentBytes").asLong()).isEqualTo(7600);
    }

    @Test
    void missingFileIsOneLineExit3WithNoStdout() {
        CliRun run = CliRun.of("inspect", dir.resolve("nope.tar").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("whittle: ").contains("nope.tar");
    }

    @Test
    void corruptLayerIsExit3WithNoPartialOutput() throws Exception {
        Path bad = dir.resolve("bad.tar");
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun run = CliRun.of("inspect", bad.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).hasSize(1);
    }

    /**
     * A byte changed inside a file's content, which the layer's index seeks past while another core hashes the
     * layer: the measurement may be ready before the hash ends, but nothing is printed, and the exit is 3.
     */
    @Test
    void aChangedByteInsideAFileIsExit3WithNothingOnStdout() throws Exception {
        byte[] bytes = Files.readAllBytes(archive);
        byte[] layer = image.layerTar(1);
        int at = -1;
        for (int i = 0; at < 0 && i + layer.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + layer.length, layer, 0, layer.length)) {
                at = i;
            }
        }
        assertThat(at).isNotNegative();
        bytes[at + 512 + 700] ^= 1; // inside usr/bin/tool's 1500 bytes
        Path bad = dir.resolve("flipped.tar");
        Files.write(bad, bytes);
        for (String format : new String[] {"--json", "--format=text"}) {
            CliRun run = CliRun.of("inspect", "--no-cache", format, bad.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).contains("layer 1").contains("digest mismatch");
        }
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        assertThat(CliRun.of("inspect", "--top", "-1", archive.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("inspect", "--platform", "linux", archive.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("inspect", "--max-expanded", "lots", archive.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("inspect", "--bogus", archive.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("inspect").exitCode()).isEqualTo(2);
    }

    @Test
    void bombGuardStopsALayerThatExpandsTooFar() {
        CliRun run = CliRun.of("inspect", "--max-expanded", "4KiB", archive.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("4096");
    }

    @Test
    void debugPrintsTheStackTrace() {
        CliRun run = CliRun.of("--debug", "inspect", dir.resolve("nope.tar").toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("\tat ");
    }
}
