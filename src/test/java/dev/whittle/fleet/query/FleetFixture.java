package dev.whittle.fleet.query;

import dev.whittle.fleet.FleetDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic fleet written straight into the schema, as {@code fleet scan} writes it: layers ({@code done}, with
 * sizes), manifests with their measurements, their layers bottom first, findings largest first, and two finished
 * scans' tags a week apart, plus (optionally) a third scan still running. The fixture keeps its own model, so tests
 * compute every expected figure from it independently of the code under test.
 *
 * <p>The fleet: bases {@code debian:12.1} and {@code debian:12.2} (amd64), {@code node:20} (debian 12.2 plus a
 * runtime layer), {@code alpine:3.19} on amd64 (two builds: the tag moved) and arm64; eight repositories with three
 * versions and {@code latest}, a two-platform index, an image with no recognised base; apt lists left in some images
 * (WX001, in the app's own layer) and docs in the debian 12.1 base (WX003, in the shared base layer).
 */
public final class FleetFixture {
    public static final String REGISTRY = "registry.example:5000";
    public static final String OLD = "scan-2026-11-30";
    public static final String NEW = "scan-2026-12-07";
    public static final String RUNNING = "scan-2026-12-08";

    /** A layer blob. */
    public record Layer(String digest, long compressed, long uncompressed, String createdBy) {
    }

    /** A finding of a manifest; {@code position} is its layer's, or null. */
    public record Finding(String code, String category, String title, long bytes, Integer position) {
    }

    /** A manifest and its measurements. */
    public record Manifest(String digest, String platform, List<Layer> layers, long wasted, String baseImage,
                           int baseLayers, String created, List<Finding> findings) {
        public long size() {
            return layers.stream().mapToLong(Layer::uncompressed).sum();
        }

        public long pull() {
            return layers.stream().mapToLong(Layer::compressed).sum() + CONFIG_BYTES;
        }

        public double efficiency() {
            return size() == 0 ? 1.0 : 1.0 - (double) wasted / size();
        }
    }

    /** What one tag pointed at on one platform. */
    public record Tag(String repository, String tag, String platform, String index, Manifest manifest) {
    }

    static final long CONFIG_BYTES = 1_517;

    public final List<Tag> oldTags = new ArrayList<>();
    public final List<Tag> newTags = new ArrayList<>();
    public final Map<String, Manifest> manifests = new LinkedHashMap<>();

    // Bases
    final Layer debian121 = layer("debian-12.1", 29_123_457, 74_310_144, "ADD debian-12.1-rootfs.tar /");
    final Layer debian122 = layer("debian-12.2", 29_201_118, 74_455_040, "ADD debian-12.2-rootfs.tar /");
    final Layer node = layer("node-20", 45_002_311, 160_133_120, "COPY /usr/local /usr/local # node 20");
    final Layer alpineA = layer("alpine-3.19-a", 3_402_003, 7_798_784, "ADD alpine-minirootfs-3.19.0.tar /");
    final Layer alpineB = layer("alpine-3.19-b", 3_404_117, 7_802_880, "ADD alpine-minirootfs-3.19.1.tar /");
    final Layer alpineArm = layer("alpine-3.19-arm64", 3_301_551, 7_602_176, "ADD alpine-arm64.tar /");

    public FleetFixture() {
        String[] repos = {"team-a/api", "team-a/web", "team-b/worker", "team-b/cron", "shop/cart", "shop/search",
            "data/etl", "edge/proxy"};
        for (int r = 0; r < repos.length; r++) {
            String repo = repos[r];
            Layer deps = layer(repo + "-deps", 4_000_000L + r * 310_007, 12_000_000L + r * 900_011,
                    "RUN npm ci --omit=dev");
            Manifest[] versions = new Manifest[4];
            for (int v = 0; v < 4; v++) {
                versions[v] = image(repo, r, v, deps);
            }
            // the older scan saw 1.0-1.2 and latest -> 1.2; the newer one 1.1-1.3 (1.0 deleted) and latest -> 1.3
            for (int v = 0; v < 3; v++) {
                oldTags.add(new Tag(repo, "1." + v, "linux/amd64", null, versions[v]));
            }
            oldTags.add(new Tag(repo, "latest", "linux/amd64", null, versions[2]));
            for (int v = 1; v < 4; v++) {
                newTags.add(new Tag(repo, "1." + v, "linux/amd64", null, versions[v]));
            }
            newTags.add(new Tag(repo, "latest", "linux/amd64", null, versions[3]));
        }
        // a tag rebuilt at the same size: a different digest, the same bytes
        Manifest cron = manifestFor(newTags, "team-b/cron", "1.1");
        Layer rebuilt = layer("team-b/cron-1.1-rebuilt", cron.layers().get(cron.layers().size() - 1).compressed(),
                cron.layers().get(cron.layers().size() - 1).uncompressed(), "COPY app /app # rebuilt");
        List<Layer> rebuiltLayers = new ArrayList<>(cron.layers());
        rebuiltLayers.set(rebuiltLayers.size() - 1, rebuilt);
        Manifest cron2 = add(new Manifest(digest("manifest team-b/cron 1.1 rebuilt"), "linux/amd64", rebuiltLayers,
                cron.wasted(), cron.baseImage(), cron.baseLayers(), "2024-07-01T00:00:00Z", cron.findings()));
        replace(newTags, "team-b/cron", "1.1", cron2);
        // a two-platform index on alpine
        for (int v = 0; v < 2; v++) {
            String index = digest("index multi/app 2." + v);
            Layer appAmd = layer("multi/app-amd64-2." + v, 2_100_000L + v * 1000, 5_500_000L + v * 2000,
                    "COPY app /usr/bin/app");
            Layer appArm = layer("multi/app-arm64-2." + v, 2_000_000L + v * 1000, 5_400_000L + v * 2000,
                    "COPY app /usr/bin/app");
            Manifest amd = add(new Manifest(digest("manifest multi/app amd64 2." + v), "linux/amd64",
                    List.of(alpineA, appAmd), 0, "alpine:3.19", 1, "2024-01-1" + v + "T00:00:00Z", List.of()));
            Manifest arm = add(new Manifest(digest("manifest multi/app arm64 2." + v), "linux/arm64",
                    List.of(alpineArm, appArm), 0, "alpine:3.19", 1, "2024-01-1" + v + "T00:00:00Z", List.of()));
            for (List<Tag> scan : List.of(oldTags, newTags)) {
                scan.add(new Tag("multi/app", "2." + v, "linux/amd64", index, amd));
                scan.add(new Tag("multi/app", "2." + v, "linux/arm64", index, arm));
            }
        }
        // a repository only the older scan saw, and one only the newer: no base recognised in the latter
        Manifest legacy = add(new Manifest(digest("manifest legacy/tool"), "linux/amd64",
                List.of(debian121, layer("legacy-tool", 9_000_000, 21_000_000, "COPY tool /opt/tool")), 4_000_000,
                "debian:12.1", 1, "2023-05-01T00:00:00Z", List.of(new Finding("WX003", "docs", "docs and man pages in"
                + " the base", 6_100_000, 0))));
        oldTags.add(new Tag("legacy/tool", "0.9", "linux/amd64", null, legacy));
        Manifest scratch = add(new Manifest(digest("manifest static/binary"), "linux/amd64",
                List.of(layer("static-binary", 7_000_000, 16_000_000, "COPY binary /")), 0, null, 0,
                "2024-08-01T00:00:00Z", List.of()));
        newTags.add(new Tag("static/binary", "1.0", "linux/amd64", null, scratch));
    }

    private Manifest image(String repo, int r, int v, Layer deps) {
        int base = r % 4; // 0: debian 12.1, 1: debian 12.2, 2: alpine (moved tag), 3: node 20
        List<Layer> layers = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        String baseImage;
        int baseLayers;
        String created = "2024-0" + (3 + v) + "-01T00:00:00Z";
        switch (base) {
            case 0 -> {
                layers.add(debian121);
                baseImage = "debian:12.1";
                baseLayers = 1;
                findings.add(new Finding("WX003", "docs", "docs and man pages in the base", 6_100_000, 0));
            }
            case 1 -> {
                layers.add(debian122);
                baseImage = "debian:12.2";
                baseLayers = 1;
            }
            case 2 -> {
                layers.add(v < 2 ? alpineA : alpineB);
                baseImage = "alpine:3.19";
                baseLayers = 1;
            }
            default -> {
                layers.add(debian122);
                layers.add(node);
                baseImage = "node:20";
                baseLayers = 2;
            }
        }
        long wasted = 0;
        if (base <= 1 && v % 2 == 0) {
            long lists = 18_000_000L + v * 100_003 + r * 7;
            layers.add(layer(repo + "-apt-" + v, 6_000_000L + r * 11 + v, lists + 9_000_000,
                    "RUN apt-get update && apt-get install -y curl"));
            findings.add(new Finding("WX001", "package-manager", "apt lists left behind", lists,
                    layers.size() - 1));
        }
        layers.add(deps);
        layers.add(layer(repo + "-app-1." + v, 1_500_000L + v * 250_013 + r * 17, 3_900_000L + v * 700_001 + r * 13,
                "COPY app-1." + v + " /app/"));
        if (v == 3) {
            wasted += deps.uncompressed() / 2;
            layers.add(layer(repo + "-strip", 300_000 + r, 6_000_000L + r, "RUN strip /app/lib/*"));
            findings.add(new Finding("WX002", "hidden", "files overwritten by a later layer", deps.uncompressed() / 2,
                    layers.size() - 2));
        }
        for (Finding f : findings) {
            if (!f.code().equals("WX002")) {
                wasted += f.bytes();
            }
        }
        findings.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return add(new Manifest(digest("manifest " + repo + " 1." + v), "linux/amd64", layers, wasted, baseImage,
                baseLayers, created, findings));
    }

    private Manifest add(Manifest m) {
        manifests.put(m.digest(), m);
        return m;
    }

    private static Manifest manifestFor(List<Tag> tags, String repo, String tag) {
        return tags.stream().filter(t -> t.repository().equals(repo) && t.tag().equals(tag)).findFirst()
                .orElseThrow().manifest();
    }

    private static void replace(List<Tag> tags, String repo, String tag, Manifest m) {
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            if (t.repository().equals(repo) && t.tag().equals(tag)) {
                tags.set(i, new Tag(repo, tag, t.platform(), t.index(), m));
            }
        }
    }

    static Layer layer(String name, long compressed, long uncompressed, String createdBy) {
        return new Layer(digest("layer " + name), compressed, uncompressed, createdBy);
    }

    static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes both finished scans (and the running one when asked) into {@code db}. */
    public void write(FleetDatabase db, boolean withRunningScan) throws SQLException {
        Connection c = db.connection();
        c.setAutoCommit(false);
        try {
            Map<String, Layer> layers = new LinkedHashMap<>();
            for (Manifest m : manifests.values()) {
                m.layers().forEach(l -> layers.put(l.digest(), l));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO layers (layer_digest, media_type,"
                    + " compressed_bytes, status, claimed_by, claimed_at, diff_id, uncompressed_bytes, file_count,"
                    + " analysed_at) VALUES (?, 'application/vnd.oci.image.layer.v1.tar+gzip', ?, 'done', 'shard-0',"
                    + " '2026-11-30T02:00:00Z', ?, ?, 100, '2026-11-30T02:00:01Z')")) {
                for (Layer l : layers.values()) {
                    p.setString(1, l.digest());
                    p.setLong(2, l.compressed());
                    p.setString(3, digest("diff " + l.digest()));
                    p.setLong(4, l.uncompressed());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO manifests (manifest_digest, media_type,"
                    + " config_digest, platform, created, layer_count, size_bytes, pull_bytes, wasted_bytes,"
                    + " efficiency, base_image, base_layers, analysed_at) VALUES (?,"
                    + " 'application/vnd.oci.image.manifest.v1+json', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " '2026-11-30T02:00:02Z')");
                 PreparedStatement pl = c.prepareStatement("INSERT INTO manifest_layers (manifest_digest, position,"
                         + " layer_digest, created_by) VALUES (?, ?, ?, ?)");
                 PreparedStatement pf = c.prepareStatement("INSERT INTO findings (manifest_digest, ordinal, code,"
                         + " category, title, bytes, layer_position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Manifest m : manifests.values()) {
                    p.setString(1, m.digest());
                    p.setString(2, digest("config " + m.digest()));
                    p.setString(3, m.platform());
                    p.setString(4, m.created());
                    p.setInt(5, m.layers().size());
                    p.setLong(6, m.size());
                    p.setLong(7, m.pull());
                    p.setLong(8, m.wasted());
                    p.setDouble(9, m.efficiency());
                    p.setString(10, m.baseImage());
                    if (m.baseImage() == null) {
                        p.setNull(11, java.sql.Types.INTEGER);
                    } else {
                        p.setInt(11, m.baseLayers());
                    }
                    p.addBatch();
                    for (int i = 0; i < m.layers().size(); i++) {
                        pl.setString(1, m.digest());
                        pl.setInt(2, i);
                        pl.setString(3, m.layers().get(i).digest());
                        pl.setString(4, m.layers().get(i).createdBy());
                        pl.addBatch();
                    }
                    for (int i = 0; i < m.findings().size(); i++) {
                        Finding f = m.findings().get(i);
                        pf.setString(1, m.digest());
                        pf.setInt(2, i);
                        pf.setString(3, f.code());
                        pf.setString(4, f.category());
                        pf.setString(5, f.title());
                        pf.setLong(6, f.bytes());
                        if (f.position() == null) {
                            pf.setNull(7, java.sql.Types.INTEGER);
                        } else {
                            pf.setInt(7, f.position());
                        }
                        pf.addBatch();
                    }
                }
                p.executeBatch();
                pl.executeBatch();
                pf.executeBatch();
            }
            scan(c, OLD, "2026-11-30T02:00:00Z", "2026-11-30T02:41:09Z", oldTags, 2);
            scan(c, NEW, "2026-12-07T02:00:00Z", "2026-12-07T02:12:55Z", newTags, 2);
            if (withRunningScan) {
                scan(c, RUNNING, "2026-12-08T02:00:00Z", null, newTags.subList(0, 5), 4);
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void scan(Connection c, String id, String started, String finished, List<Tag> tags, int shards)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scans (scan_id, registry, started_at, finished_at,"
                + " options) VALUES (?, ?, ?, ?, '{}')")) {
            p.setString(1, id);
            p.setString(2, REGISTRY);
            p.setString(3, started);
            p.setString(4, finished);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO scan_shards (scan_id, shard, shards, started_at,"
                + " finished_at, images) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int s = 0; s < shards; s++) {
                p.setString(1, id);
                p.setInt(2, s);
                p.setInt(3, shards);
                p.setString(4, started);
                p.setString(5, finished != null || s == 0 ? started.replace("02:00:00", "02:10:00") : null);
                p.setInt(6, tags.size() / shards);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO tags (scan_id, repository, tag, platform,"
                + " index_digest, manifest_digest, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Tag t : tags) {
                p.setString(1, id);
                p.setString(2, t.repository());
                p.setString(3, t.tag());
                p.setString(4, t.platform());
                p.setString(5, t.index());
                p.setString(6, t.manifest().digest());
                p.setString(7, started);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
