package dev.whittle.fleet.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL the fleet reports run, in the subset SQLite and PostgreSQL read alike, and the raw rows it returns. The
 * queries only select, join, count and sum; nothing is ordered by a string in SQL (the two databases collate text
 * differently) and no floating-point sum is taken there (its order would differ): {@link FleetReporter} and
 * {@link FleetDiffer} sort and divide in Java. {@code docs/fleet-schema.md} lists the same statements.
 */
public final class FleetQueries {
    /** Every scan; the reports pick one in Java (latest finished, or the one named). */
    public static final String SCANS = "SELECT scan_id, registry, started_at, finished_at FROM scans";

    /** A scan's shards, to say how far a running scan is. */
    public static final String SHARDS = "SELECT shard, shards, finished_at FROM scan_shards WHERE scan_id = ?";

    /** What each tag of a scan pointed at (one row per platform), with that manifest's measurements. */
    public static final String TAGS = "SELECT t.repository, t.tag, t.platform, t.manifest_digest, m.size_bytes,"
            + " m.pull_bytes, m.wasted_bytes, m.efficiency, m.layer_count, m.base_image, m.base_layers, m.created"
            + " FROM tags t JOIN manifests m ON m.manifest_digest = t.manifest_digest WHERE t.scan_id = ?";

    /** The scan's manifests, as a subquery. */
    private static final String SCAN_MANIFESTS = "SELECT manifest_digest FROM tags WHERE scan_id = ?";

    /** Every unique layer of a scan's images with its sizes and how many of the scan's manifests carry it. */
    public static final String LAYERS = "SELECT l.layer_digest, l.compressed_bytes, l.uncompressed_bytes,"
            + " COUNT(DISTINCT ml.manifest_digest) FROM layers l"
            + " JOIN manifest_layers ml ON ml.layer_digest = l.layer_digest"
            + " WHERE ml.manifest_digest IN (" + SCAN_MANIFESTS + ")"
            + " GROUP BY l.layer_digest, l.compressed_bytes, l.uncompressed_bytes";

    /** The base layers of each of a scan's manifests (positions below {@code base_layers}), with their sizes. */
    public static final String BASE_LAYERS = "SELECT ml.manifest_digest, ml.position, ml.layer_digest,"
            + " l.compressed_bytes FROM manifest_layers ml"
            + " JOIN manifests m ON m.manifest_digest = ml.manifest_digest"
            + " JOIN layers l ON l.layer_digest = ml.layer_digest"
            + " WHERE ml.position < m.base_layers AND ml.manifest_digest IN (" + SCAN_MANIFESTS + ")";

    /** The findings of a scan's manifests, each with the digest of the layer it sits in (null when unknown). */
    public static final String FINDINGS = "SELECT f.manifest_digest, f.ordinal, f.code, f.category, f.title, f.bytes,"
            + " ml.layer_digest FROM findings f LEFT JOIN manifest_layers ml"
            + " ON ml.manifest_digest = f.manifest_digest AND ml.position = f.layer_position"
            + " WHERE f.manifest_digest IN (" + SCAN_MANIFESTS + ")";

    /** The instructions that made a layer, in any image (the report shows the first in code-point order). */
    public static final String CREATED_BY = "SELECT DISTINCT created_by FROM manifest_layers"
            + " WHERE layer_digest = ? AND created_by IS NOT NULL";

    /** A tag row: one platform of one {@code repository:tag} and its manifest's numbers. */
    public record TagRow(String repository, String tag, String platform, String manifest, long sizeBytes,
                         long pullBytes, long wastedBytes, double efficiency, int layerCount, String baseImage,
                         Integer baseLayers, String created) {
    }

    /** A unique layer of a scan. */
    public record LayerRow(String digest, long compressedBytes, Long uncompressedBytes, int images) {
    }

    /** One base layer of one manifest. */
    public record BaseLayerRow(String manifest, int position, String layer, long compressedBytes) {
    }

    /** One finding of one manifest. */
    public record FindingRow(String manifest, int ordinal, String code, String category, String title, long bytes,
                             String layer) {
    }

    /** A shard of a scan. */
    public record ShardRow(int shard, int shards, String finishedAt) {
    }

    private final Connection connection;

    public FleetQueries(Connection connection) {
        this.connection = connection;
    }

    public List<ScanRef> scans() throws SQLException {
        List<ScanRef> out = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(SCANS); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new ScanRef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    public List<ShardRow> shards(String scanId) throws SQLException {
        List<ShardRow> out = new ArrayList<>();
        try (PreparedStatement p = prepare(SHARDS, scanId, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new ShardRow(rs.getInt(1), rs.getInt(2), rs.getString(3)));
            }
        }
        return out;
    }

    public List<TagRow> tags(String scanId) throws SQLException {
        List<TagRow> out = new ArrayList<>();
        try (PreparedStatement p = prepare(TAGS, scanId, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                int baseLayers = rs.getInt(11);
                Integer base = rs.wasNull() ? null : baseLayers;
                out.add(new TagRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getDouble(8), rs.getInt(9), rs.getString(10), base,
                        rs.getString(12)));
            }
        }
        return out;
    }

    public List<LayerRow> layers(String scanId) throws SQLException {
        List<LayerRow> out = new ArrayList<>();
        try (PreparedStatement p = prepare(LAYERS, scanId, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                long uncompressed = rs.getLong(3);
                out.add(new LayerRow(rs.getString(1), rs.getLong(2), rs.wasNull() ? null : uncompressed,
                        rs.getInt(4)));
            }
        }
        return out;
    }

    public List<BaseLayerRow> baseLayers(String scanId) throws SQLException {
        List<BaseLayerRow> out = new ArrayList<>();
        try (PreparedStatement p = prepare(BASE_LAYERS, scanId, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new BaseLayerRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return out;
    }

    public List<FindingRow> findings(String scanId) throws SQLException {
        List<FindingRow> out = new ArrayList<>();
        try (PreparedStatement p = prepare(FINDINGS, scanId, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new FindingRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7)));
            }
        }
        return out;
    }

    /** The first instruction (in code-point order) that made {@code layer}, or null when none is recorded. */
    public String createdBy(String layer) throws SQLException {
        String first = null;
        try (PreparedStatement p = prepare(CREATED_BY, layer, 1); ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String s = rs.getString(1);
                if (first == null || s.compareTo(first) < 0) {
                    first = s;
                }
            }
        }
        return first;
    }

    private PreparedStatement prepare(String sql, String value, int times) throws SQLException {
        PreparedStatement p = connection.prepareStatement(sql);
        for (int i = 1; i <= times; i++) {
            p.setString(i, value);
        }
        return p;
    }
}
