package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageJson;
import dev.whittle.source.registry.LocalRegistry;
import dev.whittle.source.registry.RegistryFixtures;
import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code whittle size} end to end against a real registry holding a two-platform index and two images. */
@Tag("integration")
class SizeCommandTest {
    static final List<byte[]> FAT = RegistryFixtures.layers("fat", 4, 60_000);
    static final List<byte[]> SLIM = List.of(FAT.get(0), RegistryFixtures.layers("slim", 1, 5_000).get(0));

    @TempDir
    static Path work;
    static LocalRegistry registry;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(RegistryFixtures.toolsPresent(), "docker-registry and skopeo are needed");
        registry = LocalRegistry.start(work, null, null);
        RegistryFixtures.pushIndex(registry, work, "team/multi:1");
        RegistryFixtures.push(registry, work, "team/app:fat", FAT, "v2s2");
        RegistryFixtures.push(registry, work, "team/app:slim", SLIM, "v2s2");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void index_json_everyPlatformEveryLayerFromManifestsAlone() throws IOException {
        Run r = run("size", registry.host() + "/team/multi:1", "--plain-http", "--json", "--instances", "50",
                "--bandwidth", "1Gbit/s");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode root = ImageJson.tree(r.out().getBytes(StandardCharsets.UTF_8), "output");
        assertThat(root.path("schemaVersion").asText()).isEqualTo(dev.whittle.report.JsonReport.SCHEMA_VERSION);
        assertThat(root.path("kind").asText()).isEqualTo("size");
        JsonNode platforms = root.path("image").path("platforms");
        assertThat(platforms).hasSize(2);
        assertThat(platforms.get(1).path("platform").asText()).isEqualTo("linux/arm64/v8");
        assertThat(platforms.get(1).path("layers").get(0).path("digest").asText()).startsWith("sha256:");
        long expectedLayers = 0;
        for (JsonNode layer : platforms.get(1).path("layers")) {
            expectedLayers += layer.path("size").asLong();
        }
        Path armLayers = work.resolve("arm");
        long onDisk = 0;
        for (int i = 0; i < 3; i++) {
            onDisk += Files.size(armLayers.resolve("layer" + i + ".tar.gz"));
        }
        assertThat(expectedLayers).isEqualTo(onDisk);
        JsonNode arm = platforms.get(1);
        assertThat(arm.path("totalBytes").asLong()).isEqualTo(onDisk + arm.path("configSize").asLong()
                + arm.path("manifestSize").asLong());
        assertThat(arm.path("compressedKnown").asBoolean()).isTrue();
        JsonNode tax = root.path("deployTax");
        long perPull = tax.path("bytesPerInstance").asLong();
        assertThat(tax.path("totalBytes").asLong()).isEqualTo(50 * perPull);
        assertThat(tax.path("secondsPerPull").asDouble()).isEqualTo(perPull / 125_000_000.0);
        assertThat(Files.exists(work.resolve("cache"))).isFalse();
    }

    @Test
    void text_compare_showsTheSavingAgainstTheBaseline() {
        // --compare names the baseline (before), as report --compare does: slim against fat saves.
        Run r = run("size", registry.host() + "/team/app:slim", "--plain-http", "--compare",
                registry.host() + "/team/app:fat", "--instances", "10", "--bandwidth", "100Mbit/s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("linux/amd64").contains("Deploy tax (linux/amd64, 10 instances)")
                .contains("per machine at 100Mbit/s").containsPattern("saves [0-9.]+ kB per pull \\(\\d+\\.\\d%\\)")
                .contains("1 layer shared").contains("Against the baseline (--compare, linux/amd64, ");
        Run json = run("size", registry.host() + "/team/app:slim", "--plain-http", "--json", "--compare",
                registry.host() + "/team/app:fat");
        assertThat(json.out()).contains("\"savedPerPull\" : ").doesNotContain("\"savedPerPull\" : -");
    }

    @Test
    void badUsage_exit2_unreachable_exit3() {
        Run bad = run("size", registry.host() + "/team/app:fat", "--plain-http", "--bandwidth", "fast");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("whittle: --bandwidth: invalid bandwidth [fast]");
        Run missing = run("size", registry.host() + "/team/app:nope", "--plain-http");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err().strip()).startsWith("whittle: manifest " + registry.host() + "/team/app:nope not"
                + " found").doesNotContain("\n");
        Run platform = run("size", registry.host() + "/team/multi:1", "--plain-http", "--platform", "linux/ppc64le");
        assertThat(platform.code()).isEqualTo(3);
        assertThat(platform.err()).contains("the index offers linux/amd64, linux/arm64/v8");
    }

    @Test
    void localSources_ociLayoutHasCompressedSizes_dockerArchiveSaysUncompressed() {
        String tarball = RegistryFixtures.tarballReference(work.resolve("local"), FAT);
        Path layout = work.resolve("local-oci");
        Path archive = work.resolve("local.tar");
        ExternalTool.run("skopeo", "copy", "-q", tarball, "oci:" + layout + ":v1").requireSuccess("skopeo");
        ExternalTool.run("skopeo", "copy", "-q", tarball, "docker-archive:" + archive + ":local/app:1")
                .requireSuccess("skopeo");
        Run oci = run("size", "oci:" + layout + ":v1");
        assertThat(oci.code()).as(oci.err()).isZero();
        assertThat(oci.out()).contains("from oci").doesNotContain("uncompressed");
        Run docker = run("size", "docker-archive:" + archive, "--json");
        assertThat(docker.code()).as(docker.err()).isZero();
        JsonNode layers = ImageJson.tree(docker.out().getBytes(StandardCharsets.UTF_8), "output")
                .path("image").path("platforms").get(0).path("layers");
        assertThat(layers).hasSize(4).allSatisfy(l -> assertThat(l.path("compressed").asBoolean()).isFalse());
        assertThat(run("size", "docker-archive:" + archive).out()).contains("pull size from a registry is unknown");
    }
}
