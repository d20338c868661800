package dev.whittle.fleet;

import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Manifest;
import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.Totals;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes what a scan learned about an image: its {@code manifests} row, its {@code manifest_layers} and its
 * {@code findings}, all in one transaction (so a kill leaves all or nothing), and the {@code tags} rows that say what
 * a tag pointed at. Every write is keyed by content or by (scan, tag) and never adds a row twice.
 */
final class ManifestRows {
    /** explain's base-image finding, whose title names the base. */
    private static final String BASE_IMAGE = "WX007";
    private static final String BASE_TITLE = "base image: ";
    /** The order findings are stored in: most bytes first, then as explain orders equals. */
    private static final Comparator<Finding> LARGEST_FIRST = Comparator.comparingLong(Finding::bytes).reversed()
            .thenComparing(Finding::severity).thenComparing(Finding::id).thenComparing(Finding::title);

    private final Connections db;
    private final Clock clock;

    ManifestRows(Connections db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The platform of a manifest the database holds, or null when it holds none by that digest. */
    String knownPlatform(String manifestDigest) {
        return db.with("cannot read manifests from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT platform FROM manifests WHERE manifest_digest = ?")) {
                p.setString(1, manifestDigest);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /**
     * Writes a measured image; false when another shard wrote it first (its rows, written in one transaction, are
     * then complete and the same).
     */
    boolean write(String manifestDigest, String mediaType, Manifest manifest, String platform, String created,
                  Measurement m, Explanation x) {
        Totals t = m.totals();
        long pull = manifest.layers().stream().mapToLong(Descriptor::size).sum();
        Finding base = x.findings().stream().filter(f -> f.id().equals(BASE_IMAGE)).findFirst().orElse(null);
        List<Finding> findings = x.findings().stream().sorted(LARGEST_FIRST).toList();
        return db.inTransaction("cannot write image " + manifestDigest + " to", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO manifests (manifest_digest, media_type,"
                    + " config_digest, platform, created, layer_count, size_bytes, pull_bytes, wasted_bytes,"
                    + " efficiency, base_image, base_layers, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (manifest_digest) DO NOTHING")) {
                p.setString(1, manifestDigest);
                p.setString(2, mediaType == null ? "" : mediaType);
                p.setString(3, manifest.config().digest().toString());
                p.setString(4, platform);
                p.setString(5, created);
                p.setInt(6, t.layerCount());
                p.setLong(7, t.contentBytes());
                p.setLong(8, pull);
                p.setLong(9, t.wastedBytes());
                p.setDouble(10, t.efficiency());
                p.setString(11, base == null ? null : baseName(base.title()));
                if (base == null) {
                    p.setNull(12, Types.INTEGER);
                } else {
                    p.setInt(12, base.evidence().size());
                }
                p.setString(13, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
                if (p.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO manifest_layers (manifest_digest, position,"
                    + " layer_digest, created_by) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < manifest.layers().size(); i++) {
                    LayerMeasure layer = m.layers().get(i);
                    p.setString(1, manifestDigest);
                    p.setInt(2, i);
                    p.setString(3, manifest.layers().get(i).digest().toString());
                    p.setString(4, layer.createdBy());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO findings (manifest_digest, ordinal, code,"
                    + " category, title, bytes, layer_position) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < findings.size(); i++) {
                    Finding f = findings.get(i);
                    p.setString(1, manifestDigest);
                    p.setInt(2, i);
                    p.setString(3, f.id());
                    p.setString(4, f.severity().name().toLowerCase(Locale.ROOT));
                    p.setString(5, f.title());
                    p.setLong(6, f.bytes());
                    if (f.evidence().isEmpty() || f.evidence().get(0).layer() == null) {
                        p.setNull(7, Types.INTEGER);
                    } else {
                        p.setInt(7, f.evidence().get(0).layer().index());
                    }
                    p.addBatch();
                }
                p.executeBatch();
            }
            return true;
        });
    }

    /** Records what {@code repository:tag} points at for {@code platform} in this scan (a rerun updates it). */
    void tag(String scanId, String repository, String tag, String platform, String indexDigest,
             String manifestDigest) {
        db.with("cannot record tag " + repository + ":" + tag + " in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tags (scan_id, repository, tag, platform,"
                    + " index_digest, manifest_digest, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (scan_id, repository, tag, platform) DO UPDATE SET"
                    + " index_digest = excluded.index_digest, manifest_digest = excluded.manifest_digest,"
                    + " seen_at = excluded.seen_at")) {
                p.setString(1, scanId);
                p.setString(2, repository);
                p.setString(3, tag);
                p.setString(4, platform);
                p.setString(5, indexDigest);
                p.setString(6, manifestDigest);
                p.setString(7, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
                return p.executeUpdate();
            }
        });
    }

    /** "Debian GNU/Linux 12 with Node.js 20.1" from explain's "base image: ..., 42 MB in layers 0-1". */
    static String baseName(String title) {
        String name = title.startsWith(BASE_TITLE) ? title.substring(BASE_TITLE.length()) : title;
        int sizePart = name.lastIndexOf(", ");
        return sizePart > 0 ? name.substring(0, sizePart) : name;
    }
}
