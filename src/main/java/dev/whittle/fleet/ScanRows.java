package dev.whittle.fleet;

import dev.whittle.image.UsageException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The {@code scans} and {@code scan_shards} rows of one scan: which scan a run joins (the one {@code --scan-id}
 * names, else the newest unfinished scan of the same registry and options, which a rerun after a crash resumes, else
 * a new one), and when its shard and the whole scan are finished.
 */
final class ScanRows {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final Connections db;
    private final Clock clock;

    ScanRows(Connections db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * The scan this run belongs to, created when new.
     *
     * @param requested the {@code --scan-id}, or null
     * @param options   the scan's options as JSON: a scan resumed must have been started with the same
     */
    String join(String requested, String registry, String options, Shard shard) {
        if (requested != null) {
            if (!requested.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
                throw new UsageException("--scan-id: letters, digits, '.', '_', ':' and '-' only (at most 128), got \""
                        + requested + "\"");
            }
            insertScan(requested, registry, options);
            String[] existing = scan(requested);
            if (!existing[0].equals(registry) || !existing[1].equals(options)) {
                throw new UsageException("--scan-id " + requested + ": that scan is of " + existing[0]
                        + " with options " + existing[1] + "; this run's differ (use another id)");
            }
            return requested;
        }
        if (shard.count() > 1) {
            throw new UsageException("--scan-id is needed with " + shard.count() + " shards: every shard of one scan"
                    + " must name the same id (in a Kubernetes Indexed Job, the Job's name)");
        }
        String unfinished = db.with("cannot read scans from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT scan_id FROM scans WHERE registry = ? AND options = ?"
                    + " AND finished_at IS NULL ORDER BY started_at DESC, scan_id DESC")) {
                p.setString(1, registry);
                p.setString(2, options);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (unfinished != null) {
            return unfinished;
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String id = "scan-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
        insertScan(id, registry, options);
        return id;
    }

    /** Records that this shard has started (again, on a rerun: the first start time stays). */
    void startShard(String scanId, Shard shard) {
        db.with("cannot record the shard in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO scan_shards (scan_id, shard, shards,"
                    + " started_at) VALUES (?, ?, ?, ?) ON CONFLICT (scan_id, shard, shards) DO NOTHING")) {
                p.setString(1, scanId);
                p.setInt(2, shard.index());
                p.setInt(3, shard.count());
                p.setString(4, now());
                return p.executeUpdate();
            }
        });
    }

    /**
     * Marks the shard finished with the images it recorded, then the scan when every shard has; true when the whole
     * scan is finished.
     */
    boolean finishShard(String scanId, Shard shard, int images) {
        return db.inTransaction("cannot finish the shard in", c -> {
            // The scan's row first, locked until this commits: two shards finishing at once would otherwise each
            // count the finished shards without the other's uncommitted row (PostgreSQL reads committed rows), and
            // neither would mark the scan finished. Locked, the second waits, then counts both.
            try (PreparedStatement p = c.prepareStatement("UPDATE scans SET finished_at = finished_at"
                    + " WHERE scan_id = ?")) {
                p.setString(1, scanId);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE scan_shards SET finished_at = ?, images = ?"
                    + " WHERE scan_id = ? AND shard = ? AND shards = ?")) {
                p.setString(1, now());
                p.setInt(2, images);
                p.setString(3, scanId);
                p.setInt(4, shard.index());
                p.setInt(5, shard.count());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE scans SET finished_at = ? WHERE scan_id = ?"
                    + " AND finished_at IS NULL AND (SELECT count(*) FROM scan_shards WHERE scan_id = ? AND shards = ?"
                    + " AND finished_at IS NOT NULL) >= ?")) {
                p.setString(1, now());
                p.setString(2, scanId);
                p.setString(3, scanId);
                p.setInt(4, shard.count());
                p.setInt(5, shard.count());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT finished_at FROM scans WHERE scan_id = ?")) {
                p.setString(1, scanId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() && rs.getString(1) != null;
                }
            }
        });
    }

    private void insertScan(String id, String registry, String options) {
        db.with("cannot record the scan in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO scans (scan_id, registry, started_at, options)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (scan_id) DO NOTHING")) {
                p.setString(1, id);
                p.setString(2, registry);
                p.setString(3, now());
                p.setString(4, options);
                return p.executeUpdate();
            }
        });
    }

    private String[] scan(String id) {
        return db.with("cannot read scans from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT registry, options FROM scans WHERE scan_id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new String[] {rs.getString(1), rs.getString(2)};
                }
            }
        });
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
