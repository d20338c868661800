package dev.whittle.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet schema's versions, applied in order, each in the same transaction as its row in
 * {@code schema_migrations}. Plain versioned SQL rather than Flyway: one small schema, two dialects, and the
 * fat jar stays free of a migration framework's classpath scanning. A migration once released is never edited (its
 * checksum is recorded and checked); a change is a new version.
 *
 * <p>Two shards starting at once both try to migrate: PostgreSQL serialises them with a transaction-scoped advisory
 * lock, SQLite with {@code BEGIN IMMEDIATE}; the second finds the work done.
 */
final class Migrations {
    /** The bundled versions, oldest first. A resource directory cannot be listed inside a jar, so they are named. */
    static final List<String> FILES = List.of("V1__fleet.sql", "V2__layer_captures.sql");

    /** An arbitrary constant naming the fleet's advisory lock on PostgreSQL. */
    private static final long ADVISORY_LOCK = 0x77686974746c65L;

    record Migration(int version, String name, String sql, String checksum) {
    }

    private Migrations() {
    }

    /** The bundled migrations. */
    static List<Migration> bundled() {
        List<Migration> all = new ArrayList<>();
        for (String file : FILES) {
            String text;
            try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("migration " + file + " is missing from the jar");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration " + file, e);
            }
            int version = Integer.parseInt(file.substring(1, file.indexOf("__")));
            String name = file.substring(file.indexOf("__") + 2, file.length() - ".sql".length());
            all.add(new Migration(version, name, text, sha256(text)));
        }
        return all;
    }

    /** The newest version this Whittle knows. */
    static int latest() {
        List<Migration> bundled = bundled();
        return bundled.get(bundled.size() - 1).version();
    }

    /**
     * Brings the database up to the newest bundled version; returns the version it is at. Refuses a database that a
     * newer Whittle migrated, or whose applied migration differs from the bundled one of the same version.
     */
    static int apply(Connection c, Dialect dialect, String display) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.SQLITE) {
                c.setAutoCommit(true);
                s.execute("BEGIN IMMEDIATE");
            } else {
                c.setAutoCommit(false);
                s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK + ")");
            }
            boolean done = false;
            try {
                s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        + "name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
                Map<Integer, String> applied = new LinkedHashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_migrations ORDER BY version")) {
                    while (rs.next()) {
                        applied.put(rs.getInt(1), rs.getString(2));
                    }
                }
                List<Migration> bundled = bundled();
                int latest = bundled.get(bundled.size() - 1).version();
                for (Map.Entry<Integer, String> e : applied.entrySet()) {
                    if (e.getKey() > latest) {
                        throw new FleetDatabaseException("the fleet database " + display + " has schema version "
                                + e.getKey() + ", written by a newer Whittle; this one knows up to " + latest, null);
                    }
                }
                int version = 0;
                for (Migration m : bundled) {
                    String recorded = applied.get(m.version());
                    if (recorded != null) {
                        if (!recorded.equals(m.checksum())) {
                            throw new FleetDatabaseException("the fleet database " + display + " has a schema version "
                                    + m.version() + " that differs from this Whittle's; it was not made by a release",
                                    null);
                        }
                    } else {
                        for (String statement : statements(dialect.render(m.sql()))) {
                            s.execute(statement);
                        }
                        try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_migrations "
                                + "(version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                            p.setInt(1, m.version());
                            p.setString(2, m.name());
                            p.setString(3, m.checksum());
                            p.setString(4, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                            p.executeUpdate();
                        }
                    }
                    version = m.version();
                }
                if (dialect == Dialect.SQLITE) {
                    s.execute("COMMIT");
                } else {
                    c.commit();
                }
                done = true;
                return version;
            } finally {
                if (!done) {
                    if (dialect == Dialect.SQLITE) {
                        s.execute("ROLLBACK");
                    } else {
                        c.rollback();
                    }
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** The statements of a migration: comment lines dropped, split at each {@code ;} that ends a line. */
    static List<String> statements(String sql) {
        StringBuilder current = new StringBuilder();
        List<String> out = new ArrayList<>();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
