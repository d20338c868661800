package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer cache end to end: {@code inspect}, {@code explain}, {@code compare} and {@code report} print the same
 * bytes with no cache, a cold cache and a warm one, on the bundled demo pair (uncompressed, as {@code docker save}
 * writes it); and {@code whittle cache} shows and prunes what they stored.
 */
class CacheCommandTest {
    @TempDir
    static Path dir;
    static String before;
    static String after;
    static String beforeGz;

    @BeforeAll
    static void unpackDemo() throws Exception {
        before = gunzip("examples/demo-before.tar.gz", "before.tar");
        after = gunzip("examples/demo-after.tar.gz", "after.tar");
        beforeGz = Files.copy(Path.of("examples/demo-before.tar.gz"), dir.resolve("before.tar.gz")).toString();
        Thread.sleep(60); // older than a clock tick: the first run may remember them
    }

    private static String gunzip(String from, String to) throws Exception {
        Path target = dir.resolve(to);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(from)))) {
            Files.copy(in, target);
        }
        return target.toString();
    }

    private static String[] with(String[] args, String... extra) {
        List<String> all = new ArrayList<>(List.of(args[0]));
        all.addAll(List.of(extra));
        all.addAll(List.of(args).subList(1, args.length));
        return all.toArray(String[]::new);
    }

    /** What a command printed, or for report the HTML it wrote. */
    private static String output(String[] args, String... cacheArgs) throws Exception {
        String[] run = with(args, cacheArgs);
        Path html = null;
        if (args[0].equals("report")) {
            html = Files.createTempFile(dir, "report", ".html");
            run = with(run, "-o", html.toString());
        }
        CliRun r = CliRun.of(run);
        assertThat(r.exitCode()).as(String.join(" ", run) + "\n" + r.err()).isZero();
        return html == null ? r.out() : Files.readString(html);
    }

    @Test
    void everyCommand_printsTheSameBytesWithAndWithoutTheCache() throws Exception {
        Path cache = dir.resolve("same-cache");
        List<String[]> commands = List.of(
                new String[] {"inspect", "--json", before},
                new String[] {"inspect", after},
                new String[] {"inspect", "--json", beforeGz},
                new String[] {"explain", "--json", beforeGz},
                new String[] {"explain", "--json", before},
                new String[] {"compare", "--json", "--files", "--layers", before, after},
                new String[] {"report", before});
        for (String[] command : commands) {
            String none = output(command, "--no-cache");
            String cold = output(command, "--cache-dir", cache.toString());
            String warm = output(command, "--cache-dir", cache.toString());
            assertThat(cold).as("cold " + String.join(" ", command)).isEqualTo(none);
            assertThat(warm).as("warm " + String.join(" ", command)).isEqualTo(none);
        }
        JsonNode json = new ObjectMapper().readTree(CliRun.of("cache", "--json", "--cache-dir", cache.toString()).out());
        List<String> kinds = new ArrayList<>();
        for (JsonNode k : json.path("kinds")) {
            kinds.add(k.path("kind").asText());
            if (k.path("kind").asText().equals("blobs")) {
                assertThat(k.path("entries").asInt()).isZero(); // local archives keep no blobs
            } else {
                assertThat(k.path("entries").asInt()).as(k.path("kind").asText()).isPositive();
            }
        }
        assertThat(kinds).containsExactly("layer-index", "captured-files", "verified-files", "archive-files",
                "image-results", "blobs");
    }

    @Test
    void aCompressedArchiveRewrittenWithAWrongDigest_exits3_afterWarmRuns() throws Exception {
        byte[] mark = "a-marker-inside-a-layer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path tar = dir.resolve("marked.tar");
        dev.whittle.testing.TestImage.builder()
                .layer(dev.whittle.testing.LayerTarBuilder.layer().dir("app").file("app/marker", mark), "COPY . /app")
                .build().writeDockerArchive(tar, dev.whittle.testing.DockerArchiveVariant.SKOPEO);
        byte[] good = Files.readAllBytes(tar);
        Path archive = dir.resolve("marked.tar.gz");
        Files.write(archive, dev.whittle.testing.LayerCompression.storedGzip(good));
        Thread.sleep(60);
        String cache = dir.resolve("rewrite-cache").toString();
        String expected = output(new String[] {"inspect", "--json", archive.toString()}, "--no-cache");
        for (int i = 0; i < 2; i++) {
            assertThat(output(new String[] {"inspect", "--json", archive.toString()}, "--cache-dir", cache))
                    .isEqualTo(expected);
        }
        byte[] bad = good.clone();
        String text = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        bad[text.indexOf(new String(mark, java.nio.charset.StandardCharsets.ISO_8859_1))] = 'X';
        var mtime = Files.getLastModifiedTime(archive);
        // the same size and mtime: only the ctime tells
        Files.write(archive, dev.whittle.testing.LayerCompression.storedGzip(bad));
        Files.setLastModifiedTime(archive, mtime);
        for (int i = 0; i < 2; i++) {
            CliRun run = CliRun.of("inspect", "--cache-dir", cache, archive.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
            assertThat(run.err().strip().lines()).singleElement().asString().contains("digest mismatch");
        }
    }

    @Test
    void cacheCommand_showsSizesAndEntries_andPrunesLeastRecentlyUsedFirst() throws Exception {
        Path cache = dir.resolve("prune-cache");
        assertThat(CliRun.of("inspect", "--cache-dir", cache.toString(), before).exitCode()).isZero();
        CliRun text = CliRun.of("cache", "--cache-dir", cache.toString(), "--entries");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Cache " + cache + ": ").contains("layer-index").contains("verified-files")
                .contains("bytes per file").contains("LAST USED");

        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(CliRun.of("cache", "--format", "json", "--cache-dir", cache.toString()).out());
        assertThat(json.path("schemaVersion").asText()).isNotEmpty();
        assertThat(json.path("kind").asText()).isEqualTo("cache");
        assertThat(json.path("dir").asText()).isEqualTo(cache.toString());
        assertThat(json.path("maxBytes").asLong()).isEqualTo(2_000_000_000L);
        long bytes = json.path("bytes").asLong();
        assertThat(bytes).isPositive();
        long sum = 0;
        for (JsonNode e : json.path("entries")) {
            sum += e.path("bytes").asLong();
            if (e.path("kind").asText().equals("layer-index")) {
                assertThat(e.path("files").asInt()).isPositive();
            }
        }
        assertThat(sum).isEqualTo(bytes);
        assertThat(json.path("indexedFiles").asLong()).isPositive();
        assertThat(json.path("bytesPerFile").asDouble()).isPositive().isLessThan(64);

        // prune to half: the oldest entries go, and what is left fits
        Path out = dir.resolve("pruned.json");
        CliRun prune = CliRun.of("cache", "--json", "--cache-dir", cache.toString(), "--max-size",
                String.valueOf(bytes / 2), "-o", out.toString());
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).isEmpty();
        JsonNode pruned = mapper.readTree(Files.readString(out));
        assertThat(pruned.path("bytes").asLong()).isLessThanOrEqualTo(bytes / 2);
        assertThat(pruned.path("pruned").size()).isPositive();
        String newestRemoved = pruned.path("pruned").get(pruned.path("pruned").size() - 1).path("lastUsed").asText();
        for (JsonNode kept : pruned.path("entries")) {
            assertThat(kept.path("lastUsed").asText()).isGreaterThanOrEqualTo(newestRemoved);
        }
        // a pruned cache still gives the same answer
        assertThat(output(new String[] {"inspect", "--json", before}, "--cache-dir", cache.toString()))
                .isEqualTo(output(new String[] {"inspect", "--json", before}, "--no-cache"));

        CliRun empty = CliRun.of("cache", "--cache-dir", cache.toString(), "--max-size", "0");
        assertThat(empty.out()).startsWith("Pruned ").contains(": 0 B of a 2.00 GB cap, 0 entries");
    }

    @Test
    void badValues_areUsageErrors() {
        assertThat(CliRun.of("cache", "--max-size", "lots").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("cache", "-o", dir.resolve("missing/out.txt").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void anEmptyOrMissingCache_isShownAsEmpty() {
        CliRun run = CliRun.of("cache", "--cache-dir", dir.resolve("nothing-here").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 B of a 2.00 GB cap, 0 entries");
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }
}
