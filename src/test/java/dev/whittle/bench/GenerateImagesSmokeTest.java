package dev.whittle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Runs the benchmark image generator ({@code bench/GenerateImages.java}) at a tiny scale, as a user would, and checks
 * its output independently: digests, diff ids, the union-filesystem cases it promises, determinism, and that skopeo
 * accepts every image. The big benchmark itself never runs in CI.
 */
@Tag("integration")
class GenerateImagesSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void generate() throws Exception {
        out = tmp.resolve("out");
        run(out, "1");
    }

    private static void run(Path dir, String threads) throws Exception {
        Path log = tmp.resolve("generator-" + threads + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "bench/GenerateImages.java", dir.toString(), "--scale", "0.0001", "--threads", threads)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("generator finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    void writesEveryImageWithAStamp() {
        assertThat(out.resolve("big.tar")).isRegularFile();
        assertThat(out.resolve("big-2x.tar")).isRegularFile();
        assertThat(out.resolve("big-oci/index.json")).isRegularFile();
        assertThat(out.resolve("big-oci/oci-layout")).hasContent("{\"imageLayoutVersion\":\"1.0.0\"}");
        assertThat(out.resolve("million/index.json")).isRegularFile();
        assertThat(out.resolve("STAMP")).isRegularFile();
        assertThat(out.resolve("work")).doesNotExist();
    }

    @Test
    void dockerArchiveLayersAreNamedByTheirDiffIdsAndMatchTheConfig() throws Exception {
        Map<String, byte[]> archive = readTar(out.resolve("big.tar"));
        JsonNode manifest = JSON.readTree(archive.get("manifest.json")).get(0);
        JsonNode config = JSON.readTree(archive.get(manifest.get("Config").asText()));
        assertThat(sha256(archive.get(manifest.get("Config").asText())) + ".json").isEqualTo(manifest.get("Config").asText());
        List<String> layers = new ArrayList<>();
        manifest.get("Layers").forEach(l -> layers.add(l.asText()));
        assertThat(layers).hasSize(32);
        for (int i = 0; i < layers.size(); i++) {
            String hex = sha256(archive.get(layers.get(i)));
            assertThat(layers.get(i)).isEqualTo(hex + ".tar");
            assertThat(config.at("/rootfs/diff_ids/" + i).asText()).isEqualTo("sha256:" + hex);
        }
    }

    @Test
    void ociLayoutHasVerifiedGzipLayersWithTheSameDiffIdsAsTheDockerArchive() throws Exception {
        Path blobs = out.resolve("big-oci/blobs/sha256");
        JsonNode index = JSON.readTree(out.resolve("big-oci/index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(blobs, index.at("/manifests/0/digest").asText()));
        JsonNode config = JSON.readTree(blob(blobs, manifest.at("/config/digest").asText()));
        Map<String, byte[]> archive = readTar(out.resolve("big.tar"));
        JsonNode archiveConfig = JSON.readTree(archive.get(JSON.readTree(archive.get("manifest.json")).get(0).get("Config").asText()));
        assertThat(config.at("/rootfs/diff_ids")).isEqualTo(archiveConfig.at("/rootfs/diff_ids"));
        for (int i = 0; i < manifest.get("layers").size(); i++) {
            JsonNode layer = manifest.get("layers").get(i);
            byte[] gz = blob(blobs, layer.get("digest").asText());
            assertThat((long) gz.length).isEqualTo(layer.get("size").asLong());
            assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
                assertThat("sha256:" + sha256(in.readAllBytes())).isEqualTo(config.at("/rootfs/diff_ids/" + i).asText());
            }
        }
    }

    @Test
    void bigImageHasWhiteoutsAnOpaqueWhiteoutAndLinks() throws Exception {
        List<TarArchiveEntry> entries = layerEntries(out.resolve("big.tar"));
        assertThat(entries).anyMatch(e -> e.getName().endsWith("/.wh..wh..opq"));
        assertThat(entries).anyMatch(e -> e.getName().contains("/.wh.") && !e.getName().endsWith(".opq"));
        assertThat(entries).anyMatch(TarArchiveEntry::isSymbolicLink);
        assertThat(entries).anyMatch(TarArchiveEntry::isDirectory);
    }

    @Test
    void doubledImageHasTheSameTreeWithTwiceTheBytes() throws Exception {
        List<TarArchiveEntry> big = layerEntries(out.resolve("big.tar"));
        List<TarArchiveEntry> doubled = layerEntries(out.resolve("big-2x.tar"));
        assertThat(doubled).extracting(TarArchiveEntry::getName).containsExactlyElementsOf(
                big.stream().map(TarArchiveEntry::getName).toList());
        assertThat(doubled.stream().mapToLong(TarArchiveEntry::getSize).sum())
                .isEqualTo(2 * big.stream().mapToLong(TarArchiveEntry::getSize).sum()).isPositive();
    }

    @Test
    void outputIsTheSameWhateverTheThreadCount() throws Exception {
        Path again = tmp.resolve("again");
        run(again, "3");
        for (String file : List.of("big.tar", "big-2x.tar", "big-oci/index.json", "million/index.json", "SUMMARY")) {
            assertThat(sha256(Files.readAllBytes(again.resolve(file)))).as(file)
                    .isEqualTo(sha256(Files.readAllBytes(out.resolve(file))));
        }
    }

    @Test
    void skopeoAcceptsEveryImage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("skopeo"), "skopeo not installed");
        for (String ref : List.of("docker-archive:big.tar", "docker-archive:big-2x.tar", "oci:big-oci:latest", "oci:million")) {
            Process p = new ProcessBuilder("skopeo", "inspect", ref).directory(out.toFile()).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(ref + ": " + text).isZero();
            assertThat(JSON.readTree(text).get("Layers").size()).as(ref).isEqualTo(ref.contains("million") ? 4 : 32);
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static byte[] blob(Path blobs, String digest) throws IOException {
        return Files.readAllBytes(blobs.resolve(digest.substring("sha256:".length())));
    }

    private static Map<String, byte[]> readTar(Path tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextTarEntry()) != null; ) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** Every entry of every layer of a docker-archive, in order. */
    private static List<TarArchiveEntry> layerEntries(Path archive) throws IOException {
        List<TarArchiveEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : readTar(archive).entrySet()) {
            if (file.getKey().endsWith(".tar")) {
                try (TarArchiveInputStream in = new TarArchiveInputStream(new java.io.ByteArrayInputStream(file.getValue()))) {
                    for (TarArchiveEntry e; (e = in.getNextTarEntry()) != null; ) {
                        entries.add(e);
                    }
                }
            }
        }
        return entries;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
