package dev.whittle.fleet.query;

import dev.whittle.fleet.DatabaseLocation;
import dev.whittle.fleet.Dialect;
import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.FleetDatabaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Opens the database a report reads. Unlike a scan, a report never creates one: a SQLite file that is not there is a
 * one-line error (exit 3) rather than a new empty file beside the user's typo.
 */
public final class ExistingDatabase {
    private ExistingDatabase() {
    }

    /** The database {@code --db} names, which must exist. */
    public static FleetDatabase open(String db) {
        DatabaseLocation location = DatabaseLocation.parse(db);
        if (location.dialect() == Dialect.SQLITE && !Files.isRegularFile(Path.of(location.display()))) {
            throw new FleetDatabaseException("no fleet database at " + location.display() + ": run 'whittle fleet"
                    + " scan REGISTRY --db " + db + "' first, or name one with --db", null);
        }
        return FleetDatabase.open(location);
    }

    /** A query that failed halfway, as the one line the CLI prints (exit 3). */
    public static FleetDatabaseException readFailure(FleetDatabase db, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int newline = reason.indexOf('\n');
        return new FleetDatabaseException("cannot read the fleet database " + db.location().display() + ": "
                + (newline >= 0 ? reason.substring(0, newline) : reason), e);
    }
}
