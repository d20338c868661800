package dev.whittle.fleet.query;

import dev.whittle.fleet.FleetDatabaseException;
import dev.whittle.image.UsageException;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the scans a report reads: the one {@code --scan} names, else the latest finished one; for a diff, the two
 * latest finished ones. A database without a finished scan, or a named scan still running, is exit 3 (there is
 * nothing complete to read yet); a name that is no scan is exit 2 and lists the ones there are.
 */
public final class Scans {
    /** Newest first: by start time, then by id (two shards' scans started in the same second stay ordered). */
    static final Comparator<ScanRef> NEWEST_FIRST = Comparator.comparing(ScanRef::startedAt)
            .thenComparing(ScanRef::scanId).reversed();

    private final FleetQueries queries;
    private final String database;
    private final List<ScanRef> all;

    /** Reads the database's scans; {@code database} is how messages name it (never with its password). */
    public Scans(FleetQueries queries, String database) throws SQLException {
        this.queries = queries;
        this.database = database;
        this.all = queries.scans().stream().sorted(NEWEST_FIRST).toList();
    }

    /** Every scan, newest first. */
    public List<ScanRef> all() {
        return all;
    }

    /** The finished scan {@code id} names, or the latest finished one when {@code id} is null. */
    public ScanRef pick(String id) throws SQLException {
        if (id != null) {
            return finished(named(id));
        }
        List<ScanRef> done = finishedOnes();
        if (done.isEmpty()) {
            throw nothingFinished();
        }
        return done.get(0);
    }

    /** The two scans a diff compares: the two named, or the two latest finished ones (older first). */
    public List<ScanRef> pair(String oldId, String newId) throws SQLException {
        if (oldId != null) {
            return List.of(finished(named(oldId)), finished(named(newId)));
        }
        List<ScanRef> done = finishedOnes();
        if (done.size() < 2) {
            if (done.isEmpty()) {
                throw nothingFinished();
            }
            throw new FleetDatabaseException("the fleet database " + database + " holds one finished scan ("
                    + done.get(0).scanId() + "); fleet diff compares two: scan again, then diff", null);
        }
        return List.of(done.get(1), done.get(0));
    }

    private List<ScanRef> finishedOnes() {
        return all.stream().filter(ScanRef::finished).toList();
    }

    private ScanRef named(String id) {
        for (ScanRef s : all) {
            if (s.scanId().equals(id)) {
                return s;
            }
        }
        if (all.isEmpty()) {
            throw new UsageException("--scan " + id + ": the fleet database " + database + " holds no scan");
        }
        List<String> ids = all.stream().limit(5).map(ScanRef::scanId).toList();
        throw new UsageException("no scan " + id + " in the fleet database " + database + "; its scans, newest first: "
                + String.join(", ", ids) + (all.size() > ids.size() ? ", ..." : ""));
    }

    private ScanRef finished(ScanRef s) throws SQLException {
        if (s.finished()) {
            return s;
        }
        throw new FleetDatabaseException("scan " + s.scanId() + " is still running (started " + s.startedAt()
                + progress(s) + "); report on it once it finishes", null);
    }

    private String progress(ScanRef s) throws SQLException {
        List<FleetQueries.ShardRow> shards = queries.shards(s.scanId());
        if (shards.isEmpty()) {
            return "";
        }
        int of = shards.stream().mapToInt(FleetQueries.ShardRow::shards).max().orElse(shards.size());
        long done = shards.stream().filter(r -> r.finishedAt() != null).count();
        return ", " + done + " of " + of + " shards finished";
    }

    private FleetDatabaseException nothingFinished() throws SQLException {
        if (all.isEmpty()) {
            return new FleetDatabaseException("the fleet database " + database + " holds no scan yet: run"
                    + " 'whittle fleet scan REGISTRY --db ...' first", null);
        }
        ScanRef running = all.get(0);
        return new FleetDatabaseException("the fleet database " + database + " holds no finished scan yet: scan "
                + running.scanId() + " is still running (started " + running.startedAt() + progress(running) + ")",
                null);
    }
}
