package dev.whittle.fleet;

import dev.whittle.image.WhittleException;

/**
 * The fleet database cannot be opened, reached or migrated: a server that refuses, a file that is not a database, a
 * schema written by a newer Whittle. Exit 3, as any unreachable source. The message never shows a password.
 */
public final class FleetDatabaseException extends WhittleException {

    public FleetDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
