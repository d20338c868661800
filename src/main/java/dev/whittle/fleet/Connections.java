package dev.whittle.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The scan's connections to the fleet database, handed to one thread at a time (a JDBC connection is not for two
 * threads at once): the layer loader reads and stores indexes from several worker threads. Idle connections are
 * kept for the next caller; all are closed with the pool.
 */
final class Connections implements AutoCloseable {
    /** Work done on one borrowed connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final FleetDatabase db;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final List<Connection> all = new ArrayList<>();

    Connections(FleetDatabase db) {
        this.db = db;
    }

    Dialect dialect() {
        return db.dialect();
    }

    /** Runs {@code work} on an idle connection (a new one when none is idle); SQL errors become one-line failures. */
    <T> T with(String what, Work<T> work) {
        Connection c = idle.pollFirst();
        if (c == null) {
            c = db.connect();
            synchronized (all) {
                all.add(c);
            }
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw FleetDatabase.failure(what + " in", db.location(), e);
        } finally {
            idle.addFirst(c);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        return with(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public void close() {
        synchronized (all) {
            for (Connection c : all) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing at the end: nothing left to lose
                }
            }
            all.clear();
        }
    }
}
