package dev.whittle.fleet;

import dev.whittle.image.SecretMask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * An open fleet database at the newest schema version. {@link #open} connects, migrates and keeps one connection;
 * a worker thread asks {@link #connect()} for its own (a JDBC connection is not for two threads at once).
 *
 * <p>The drivers are instantiated directly rather than looked up through {@code DriverManager}: the lookup scans
 * every jar's service files, which costs start-up time and depends on the fat jar merging them.
 */
public final class FleetDatabase implements AutoCloseable {
    /** How long SQLite waits for another process's write lock before failing (two scans on one file). */
    static final int SQLITE_BUSY_TIMEOUT_MS = 60_000;

    private final DatabaseLocation location;
    private final Connection connection;
    private final int schemaVersion;

    private FleetDatabase(DatabaseLocation location, Connection connection, int schemaVersion) {
        this.location = location;
        this.connection = connection;
        this.schemaVersion = schemaVersion;
    }

    /** Opens the database {@code --db} names, creating a SQLite file if absent, and migrates it. */
    public static FleetDatabase open(String db) {
        return open(DatabaseLocation.parse(db));
    }

    /** Opens the database at {@code location} and migrates it to the newest schema version. */
    public static FleetDatabase open(DatabaseLocation location) {
        if (location.dialect() == Dialect.SQLITE) {
            Path file = Path.of(location.display());
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new FleetDatabaseException("cannot create the fleet database " + file + ": the directory "
                        + parent + " does not exist", null);
            }
            if (Files.isDirectory(file)) {
                throw new FleetDatabaseException("the fleet database " + file + " is a directory, not a file", null);
            }
        }
        Connection c = connectTo(location);
        try {
            int version = Migrations.apply(c, location.dialect(), location.display());
            return new FleetDatabase(location, c, version);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("cannot prepare", location, e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** A new connection to the same database, already migrated; the caller closes it. */
    public Connection connect() {
        return connectTo(location);
    }

    /** The connection opened with the database; closed by {@link #close()}. */
    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return location.dialect();
    }

    public DatabaseLocation location() {
        return location;
    }

    /** The schema version the database is at (the newest this Whittle knows). */
    public int schemaVersion() {
        return schemaVersion;
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static Connection connectTo(DatabaseLocation location) {
        try {
            Connection c;
            if (location.dialect() == Dialect.SQLITE) {
                c = new org.sqlite.JDBC().connect(location.jdbcUrl(), new Properties());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = " + SQLITE_BUSY_TIMEOUT_MS);
                    s.execute("PRAGMA foreign_keys = ON");
                    // readers (a report) never wait for a writing scan, and a killed writer leaves a consistent file
                    s.execute("PRAGMA journal_mode = WAL");
                }
            } else {
                Properties p = location.properties();
                if (!location.jdbcUrl().contains("connectTimeout=")) {
                    p.setProperty("connectTimeout", "10");
                }
                p.setProperty("ApplicationName", "whittle");
                c = new org.postgresql.Driver().connect(location.jdbcUrl(), p);
            }
            if (c == null) {
                throw new FleetDatabaseException("no driver accepts the fleet database URL " + location.display(), null);
            }
            return c;
        } catch (SQLException e) {
            throw failure("cannot open", location, e);
        }
    }

    /** A one-line error naming the database (never its password) and what the driver said. */
    static FleetDatabaseException failure(String what, DatabaseLocation location, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = reason.indexOf('\n');
        if (newline >= 0) {
            reason = reason.substring(0, newline).strip();
        }
        if (location.password() != null && !location.password().isEmpty()) {
            reason = reason.replace(location.password(), SecretMask.MASK);
        }
        return new FleetDatabaseException(what + " the fleet database " + location.display() + ": "
                + SecretMask.text(reason), e);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing after a failure: the failure is what the user needs to see
        }
    }
}
