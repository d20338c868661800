package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The one SQL idiom the fleet relies on for exactly-once layer analysis, checked the same way on both dialects. */
final class Claims {
    private Claims() {
    }

    static void assertClaimOnceAndBlobRoundTrip(FleetDatabase db) throws SQLException {
        String claim = "INSERT INTO layers (layer_digest, media_type, compressed_bytes, status, claimed_by, claimed_at)"
                + " VALUES (?, 'application/vnd.oci.image.layer.v1.tar+gzip', 42, 'claimed', ?, '2026-12-07T00:00:00Z')"
                + " ON CONFLICT (layer_digest) DO NOTHING";
        try (Connection a = db.connect(); Connection b = db.connect()) {
            assertThat(claim(a, claim, "shard-0")).isEqualTo(1);
            assertThat(claim(b, claim, "shard-1")).isEqualTo(0);
            byte[] index = new byte[70_000];
            for (int i = 0; i < index.length; i++) {
                index[i] = (byte) (i * 31);
            }
            try (PreparedStatement p = a.prepareStatement("UPDATE layers SET status = 'done', entries_index = ?,"
                    + " index_format = 1 WHERE layer_digest = ? AND claimed_by = ?")) {
                p.setBytes(1, index);
                p.setString(2, "sha256:" + "a".repeat(64));
                p.setString(3, "shard-0");
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement p = b.prepareStatement("SELECT claimed_by, status, entries_index FROM layers")) {
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("shard-0");
                    assertThat(rs.getString(2)).isEqualTo("done");
                    assertThat(rs.getBytes(3)).isEqualTo(index);
                    assertThat(rs.next()).isFalse();
                }
            }
        }
    }

    private static int claim(Connection c, String sql, String shard) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, "sha256:" + "a".repeat(64));
            p.setString(2, shard);
            return p.executeUpdate();
        }
    }
}
