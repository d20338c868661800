package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.cli.Main;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.testing.FleetRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle fleet scan} into SQLite against a real registry of 54 images: each unique layer is downloaded
 * exactly once (counted at the registry's side), and the database's numbers equal sums computed here, independently,
 * from the blobs in the registry's storage.
 */
@Tag("integration")
class FleetScanSqliteTest {
    @TempDir
    static Path dir;
    static FleetRegistry fleet;

    @BeforeAll
    static void start() {
        assumeTrue(FleetRegistry.available(), "docker-registry, skopeo and htpasswd are needed");
        fleet = FleetRegistry.start(dir.resolve("fleet"));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Runs the CLI in this JVM; returns {exit code, stdout, stderr}. */
    static Object[] whittle(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Object[] {code, out.toString(), err.toString()};
    }

    static String[] scanArgs(String db, Path cache, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("fleet", "scan", fleet.host(), "--plain-http",
                "--creds", FleetRegistry.USER + ":" + FleetRegistry.PASSWORD, "--db", db,
                "--cache-dir", cache.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** Every layer digest of every pushed image. */
    static Set<String> layerDigests() {
        Set<String> all = new HashSet<>();
        for (FleetRegistry.Pushed p : fleet.images()) {
            for (JsonNode l : manifest(p.manifest()).path("layers")) {
                all.add(l.path("digest").asText());
            }
        }
        return all;
    }

    static JsonNode manifest(Digest digest) {
        return ImageJson.tree(fleet.storedBlob(digest), "manifest " + digest);
    }

    @Test
    void eachUniqueLayerIsDownloadedOnceAndTheTotalsAreTheBlobs() throws Exception {
        Path db = dir.resolve("fleet.db");
        fleet.resetCounts();
        Object[] r = whittle(scanArgs(db.toString(), dir.resolve("cache-1"), "--json", "--no-cache"));
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
        JsonNode summary = ImageJson.tree(((String) r[1]).getBytes(), "summary");
        assertThat(summary.path("kind").asText()).isEqualTo("fleet-scan");
        assertThat(summary.path("scanFinished").asBoolean()).isTrue();
        assertThat(summary.path("images").path("measured").asInt()).isEqualTo(54);
        assertThat(summary.path("tags").path("recorded").asInt()).isEqualTo(66);
        assertThat(summary.path("failures")).isEmpty();
        assertThat((String) r[2]).contains("fleet scan: 64/64 tags").contains("unique layers analysed");

        Set<String> layers = layerDigests();
        Map<String, Integer> layerGets = new TreeMap<>(fleet.blobGets());
        layerGets.keySet().retainAll(layers);
        assertThat(layerGets.keySet()).isEqualTo(new java.util.TreeSet<>(layers));
        assertThat(layerGets.values()).allMatch(n -> n == 1);
        assertThat(summary.path("layers").path("analysed").asInt()).isEqualTo(layers.size());

        try (Connection c = FleetDatabase.open(db.toString()).connection()) {
            checkAgainstTheBlobs(c);
        }

        // a week later: a new scan into the same database reads no layer again and measures no image again
        fleet.resetCounts();
        Object[] again = whittle(scanArgs(db.toString(), dir.resolve("cache-2"), "--json", "--scan-id", "week-2"));
        assertThat(again[0]).as("stderr: %s", again[2]).isEqualTo(0);
        JsonNode second = ImageJson.tree(((String) again[1]).getBytes(), "summary");
        assertThat(second.path("images").path("measured").asInt()).isZero();
        assertThat(second.path("images").path("known").asInt()).isEqualTo(66);
        assertThat(second.path("layers").path("analysed").asInt()).isZero();
        Map<String, Integer> secondGets = new TreeMap<>(fleet.blobGets());
        secondGets.keySet().retainAll(layers);
        assertThat(secondGets).isEmpty();
        try (Connection c = FleetDatabase.open(db.toString()).connection()) {
            assertThat(count(c, "SELECT count(*) FROM tags")).isEqualTo(2 * 66);
            assertThat(count(c, "SELECT count(*) FROM scans WHERE finished_at IS NOT NULL")).isEqualTo(2);
            assertThat(count(c, "SELECT count(*) FROM manifests")).isEqualTo(54);
        }
    }

    @Test
    void aListFromAFileWithOnePlatformRecordsWhatItCanAndNamesWhatItCannot() throws Exception {
        Path refs = dir.resolve("refs.txt");
        java.nio.file.Files.writeString(refs, "# arm64 only\nmulti/app:2.0\nteam-a/api:1.0\nteam-a/api:nope\n"
                + fleet.host() + "/tools/lint:latest\n");
        Path db = dir.resolve("arm.db");
        Object[] r = whittle("fleet", "scan", "--from", refs.toString(), "--platform", "linux/arm64", "--plain-http",
                "--db", db.toString(), "--no-cache", "--json");
        assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(3); // one tag could not be read
        JsonNode summary = ImageJson.tree(((String) r[1]).getBytes(), "summary");
        assertThat(summary.path("registry").asText()).isEqualTo(fleet.host());
        assertThat(summary.path("tags").path("inShard").asInt()).isEqualTo(4);
        assertThat(summary.path("tags").path("recorded").asInt()).isEqualTo(1);
        assertThat(summary.path("tags").path("skipped").asInt()).isEqualTo(2);
        assertThat(summary.path("failures")).singleElement().satisfies(f -> {
            assertThat(f.path("reference").asText()).isEqualTo("team-a/api:nope");
            assertThat(f.path("error").asText()).contains("not found");
        });
        try (FleetDatabase fd = FleetDatabase.open(db.toString()); Statement s = fd.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT repository, tag, platform FROM tags")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + ":" + rs.getString(2) + " " + rs.getString(3))
                    .isEqualTo("multi/app:2.0 linux/arm64");
            assertThat(rs.next()).isFalse();
        }
    }

    /** The database against what the registry's stored blobs say, computed here without Whittle's readers. */
    static void checkAgainstTheBlobs(Connection c) throws Exception {
        Map<String, long[]> layerTruth = new LinkedHashMap<>(); // digest -> {compressed, uncompressed, files, content}
        for (String digest : layerDigests()) {
            byte[] blob = fleet.storedBlob(Digest.parse(digest));
            layerTruth.put(digest, tarFacts(blob));
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT layer_digest, status, compressed_bytes, uncompressed_bytes,"
                     + " file_count FROM layers")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                long[] t = layerTruth.get(rs.getString(1));
                assertThat(t).as("layer %s is one of the registry's", rs.getString(1)).isNotNull();
                assertThat(rs.getString(2)).isEqualTo("done");
                assertThat(new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)}).as(rs.getString(1))
                        .containsExactly(t[0], t[1], t[2]);
            }
            assertThat(rows).isEqualTo(layerTruth.size());
        }
        for (FleetRegistry.Pushed p : fleet.images()) {
            JsonNode m = manifest(p.manifest());
            long pull = 0;
            long content = 0;
            for (JsonNode l : m.path("layers")) {
                pull += l.path("size").asLong();
                content += layerTruth.get(l.path("digest").asText())[3];
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pull_bytes, size_bytes, layer_count, platform, wasted_bytes,"
                         + " base_image, base_layers FROM manifests WHERE manifest_digest = '" + p.manifest() + "'")) {
                assertThat(rs.next()).as("manifest of %s:%s", p.repository(), p.tag()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(pull);
                assertThat(rs.getLong(2)).isEqualTo(content);
                assertThat(rs.getInt(3)).isEqualTo(m.path("layers").size());
                assertThat(rs.getString(4)).isEqualTo(p.platform());
                int r = List.of(FleetRegistry.REPOSITORIES).indexOf(p.repository());
                String base = r < 0 ? null : List.of("debian 12.1", "debian 12.2", "alpine 3.19",
                        "debian 12.2 with Node.js 20.10.0").get(r % 4);
                if (base != null) {
                    assertThat(rs.getString(6)).as("base of %s", p.repository()).isEqualTo(base);
                    assertThat(rs.getInt(7)).isEqualTo(r % 4 == 3 ? 2 : 1);
                }
                if (p.tag().equals("1.3")) { // the deps file, overwritten by a later layer: its bytes are waste
                    assertThat(rs.getLong(5)).as("%s:1.3 waste", p.repository()).isEqualTo(8_000 + r * 500);
                }
            }
        }
        long pushedTagRows = fleet.images().size() + fleet.tags().values().stream().mapToLong(List::size).sum()
                - fleet.images().stream().map(p -> p.repository() + ":" + p.tag()).distinct().count();
        assertThat(count(c, "SELECT count(*) FROM tags")).isEqualTo(pushedTagRows);
        assertThat(count(c, "SELECT count(*) FROM manifest_layers")).isEqualTo(fleet.images().stream()
                .mapToLong(p -> manifest(p.manifest()).path("layers").size()).sum());
        assertThat(count(c, "SELECT count(*) FROM tags WHERE index_digest IS NOT NULL")).isEqualTo(4);
        // explain's findings, with bytes: the overwritten deps (12 images), apt lists (12), the npm cache (12)
        assertThat(count(c, "SELECT count(*) FROM findings WHERE code = 'WX002' AND bytes > 0")).isEqualTo(12);
        assertThat(count(c, "SELECT count(*) FROM findings WHERE title LIKE 'apt package lists%'")).isEqualTo(12);
        assertThat(count(c, "SELECT count(*) FROM findings WHERE title LIKE 'npm cache%' AND bytes = 2500"))
                .isEqualTo(12);
        assertThat(count(c, "SELECT count(*) FROM findings WHERE code = 'WX007'")).isEqualTo(54);
    }

    /** {compressed size, uncompressed size, regular files, their bytes} of a gzip layer blob. */
    static long[] tarFacts(byte[] blob) throws IOException {
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
            tar = in.readAllBytes();
        }
        long files = 0;
        long bytes = 0;
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile() && !e.getName().contains(".wh.")) {
                    files++;
                    bytes += e.getSize();
                }
            }
        }
        return new long[] {blob.length, tar.length, files, bytes};
    }

    static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
