package dev.whittle.fleet;

import dev.whittle.image.Digest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fleet database says, as sorted text lines, without what differs between equal scans by nature (scan ids,
 * times, which process claimed a layer, how many shards there were), so two databases can be compared whole. Blobs are shown by their SHA-256.
 */
final class FleetContent {
    private static final String[] QUERIES = {
        "SELECT 'layer', layer_digest, media_type, compressed_bytes, status, diff_id, uncompressed_bytes, file_count,"
                + " index_format, entries_index, captured, capture_signature FROM layers",
        "SELECT 'manifest', manifest_digest, media_type, config_digest, platform, created, layer_count, size_bytes,"
                + " pull_bytes, wasted_bytes, efficiency, base_image, base_layers FROM manifests",
        "SELECT 'manifest_layer', manifest_digest, position, layer_digest, created_by FROM manifest_layers",
        "SELECT 'finding', manifest_digest, ordinal, code, category, title, bytes, layer_position FROM findings",
        "SELECT 'tag', repository, tag, platform, index_digest, manifest_digest FROM tags",
    };

    private FleetContent() {
    }

    static List<String> of(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        for (String q : QUERIES) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        sb.append(i == 1 ? "" : " | ").append(value(rs, i, md.getColumnType(i)));
                    }
                    lines.add(sb.toString());
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static String value(ResultSet rs, int i, int type) throws SQLException {
        if (type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
            byte[] b = rs.getBytes(i);
            return b == null ? "null" : "sha256:" + Digest.sha256(b).hex();
        }
        if (type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL) {
            double d = rs.getDouble(i);
            return rs.wasNull() ? "null" : Double.toString(d);
        }
        String s = rs.getString(i);
        return s == null ? "null" : s;
    }
}
