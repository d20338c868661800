package dev.whittle.fleet;

import dev.whittle.fs.CachedCapture;
import dev.whittle.fs.EntryType;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LayerIndexCache;
import dev.whittle.fs.LayerIndexCodec;
import dev.whittle.fs.PathTable;
import dev.whittle.image.InputException;
import dev.whittle.source.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fleet database as the layer loader's {@link LayerIndexCache}: each layer blob is analysed once for the whole
 * fleet. Asked for a layer, it answers from the {@code layers} row when another image, shard or earlier scan already
 * analysed it; otherwise it claims the row ({@code INSERT ... ON CONFLICT DO NOTHING}: only one shard's insert
 * lands) and answers "not cached", so the loader reads the layer and hands back its index and what explain's
 * detectors captured from it, stored together in one update that makes the row {@code done}. A layer another shard
 * is reading is waited for.
 *
 * <p>A claim names its owner, {@code SCAN/SHARD@PROCESS}, and its time; while a layer is read the owner refreshes the
 * time (a heartbeat every third of the timeout), so a claim older than the timeout was left by a killed shard and is
 * taken over with an update that only one shard can win. A claim left by an earlier process of this same shard (a
 * rerun after {@code kill -9}) is taken over at once: no other process is that shard.
 */
final class LayerClaims implements LayerIndexCache, AutoCloseable {
    private static final long POLL_MS = 100;

    private final Connections db;
    private final String owner;
    private final String shardPrefix;
    private final Duration timeout;
    private final Clock clock;
    /** Layers this process claimed and is reading, so its own threads wait instead of polling the database. */
    private final Map<String, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();
    /** Indexes read but not yet stored: the capture arrives in a second call, and both are written at once. */
    private final Map<String, byte[]> pendingIndexes = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat;
    private final AtomicInteger analysed = new AtomicInteger();
    private final AtomicInteger reused = new AtomicInteger();

    /**
     * @param shardPrefix {@code SCAN/SHARD}: claims starting with it were made by this shard
     * @param owner       {@code SCAN/SHARD@PROCESS}: this process
     * @param timeout     how old a claim of another shard must be to be taken over
     */
    LayerClaims(Connections db, String shardPrefix, String owner, Duration timeout, Clock clock) {
        this.db = db;
        this.shardPrefix = shardPrefix;
        this.owner = owner;
        this.timeout = timeout;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "whittle-claim-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, timeout.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::refreshClaims, every, every, TimeUnit.MILLISECONDS);
    }

    /** Layers this process analysed (read from the registry and stored). */
    int analysed() {
        return analysed.get();
    }

    /** Layer lookups answered from an earlier analysis. */
    int reused() {
        return reused.get();
    }

    @Override
    public Optional<LayerIndex> find(Layer layer, PathTable paths) {
        String digest = layer.blob().digest().toString();
        while (true) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> other = reading.putIfAbsent(digest, mine);
            if (other != null) {
                other.exceptionally(e -> null).join(); // a thread of ours reads it: then look again
                continue;
            }
            boolean keep = false;
            try {
                Row row = row(digest);
                if (row != null && row.done()) {
                    reused.incrementAndGet();
                    return Optional.of(decode(row, layer, paths));
                }
                if (row == null) {
                    keep = claim(layer);
                } else if (row.claimedBy().startsWith(shardPrefix + "@") && !row.claimedBy().equals(owner)
                        || olderThanTimeout(row.claimedAt())) {
                    keep = takeOver(digest, row);
                }
                if (keep) {
                    return Optional.empty(); // ours to read; store() or release() ends it
                }
            } finally {
                if (!keep) {
                    reading.remove(digest, mine);
                    mine.complete(null);
                }
            }
            sleep(); // another shard reads it now
        }
    }

    @Override
    public void store(Layer layer, LayerIndex index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            LayerIndexCodec.write(index, layer.diffId(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pendingIndexes.put(key(layer), out.toByteArray());
        pendingStats.put(key(layer), new long[] {index.tarBytes(), regularFiles(index)});
    }

    private final Map<String, long[]> pendingStats = new ConcurrentHashMap<>();

    @Override
    public void storeCaptured(Layer layer, CachedCapture capture) {
        String digest = layer.blob().digest().toString();
        byte[] index = pendingIndexes.remove(key(layer));
        long[] stats = pendingStats.remove(key(layer));
        if (index == null) {
            return;
        }
        byte[] captured = null;
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            capture.save(layer.index(), out);
            out.flush();
            captured = bytes.toByteArray();
        } catch (IOException | RuntimeException cutShort) {
            // a capture a limit cut short is not what a fresh read gives: keep the index, not the capture
        }
        byte[] finalCaptured = captured;
        db.with("cannot store layer " + digest + " in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE layers SET status = 'done', diff_id = ?,"
                    + " uncompressed_bytes = ?, file_count = ?, index_format = ?, entries_index = ?, captured = ?,"
                    + " capture_signature = ?, analysed_at = ? WHERE layer_digest = ? AND claimed_by = ?"
                    + " AND status = 'claimed'")) {
                p.setString(1, layer.diffId().toString());
                p.setLong(2, stats[0]);
                p.setLong(3, stats[1]);
                p.setInt(4, LayerIndexCodec.formatVersion());
                p.setBytes(5, index);
                p.setBytes(6, finalCaptured);
                p.setString(7, finalCaptured == null ? null : capture.signature());
                p.setString(8, now());
                p.setString(9, digest);
                p.setString(10, owner);
                return p.executeUpdate(); // 0: our claim was taken over meanwhile; the other writes the same
            }
        });
        analysed.incrementAndGet();
        finish(digest);
    }

    @Override
    public boolean restoreCaptured(Layer layer, CachedCapture capture) {
        String digest = layer.blob().digest().toString();
        Object[] stored = db.with("cannot read layer " + digest + " from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT captured, capture_signature FROM layers"
                    + " WHERE layer_digest = ? AND status = 'done'")) {
                p.setString(1, digest);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? new Object[] {rs.getBytes(1), rs.getString(2)} : null;
                }
            }
        });
        if (stored == null) {
            return false;
        }
        if (stored[0] != null && capture.signature().equals(stored[1])) {
            try {
                capture.restore(layer.index(), new DataInputStream(new ByteArrayInputStream((byte[]) stored[0])));
            } catch (IOException e) {
                throw new InputException("the fleet database's captured files of layer " + digest
                        + " are damaged: " + e.getMessage(), e);
            }
        }
        // Without a capture (cut short by a limit, or taken under other rules) the layer's findings that need file
        // contents are missing, as explain says of a capped capture; reading the layer again would break "once".
        return true;
    }

    /**
     * Gives up the claims on layers of a failed image that this process had not finished, so another shard (or a
     * rerun) analyses them at once instead of after the timeout.
     */
    void release(List<Layer> layers) {
        for (Layer layer : layers) {
            String digest = layer.blob().digest().toString();
            if (!reading.containsKey(digest)) {
                continue;
            }
            pendingIndexes.remove(key(layer));
            pendingStats.remove(key(layer));
            db.with("cannot release layer " + digest + " in", c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM layers WHERE layer_digest = ?"
                        + " AND claimed_by = ? AND status = 'claimed'")) {
                    p.setString(1, digest);
                    p.setString(2, owner);
                    return p.executeUpdate();
                }
            });
            finish(digest);
        }
    }

    private boolean claim(Layer layer) {
        String digest = layer.blob().digest().toString();
        return db.with("cannot claim layer " + digest + " in", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO layers (layer_digest, media_type,"
                    + " compressed_bytes, status, claimed_by, claimed_at) VALUES (?, ?, ?, 'claimed', ?, ?)"
                    + " ON CONFLICT (layer_digest) DO NOTHING")) {
                p.setString(1, digest);
                p.setString(2, layer.blob().mediaType() == null ? "" : layer.blob().mediaType());
                p.setLong(3, layer.blob().size());
                p.setString(4, owner);
                p.setString(5, now());
                return p.executeUpdate() == 1;
            }
        });
    }

    private boolean takeOver(String digest, Row row) {
        return db.with("cannot take over layer " + digest + " in", c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE layers SET claimed_by = ?, claimed_at = ?"
                    + " WHERE layer_digest = ? AND status = 'claimed' AND claimed_by = ? AND claimed_at = ?")) {
                p.setString(1, owner);
                p.setString(2, now());
                p.setString(3, digest);
                p.setString(4, row.claimedBy());
                p.setString(5, row.claimedAt());
                return p.executeUpdate() == 1;
            }
        });
    }

    private Row row(String digest) {
        return db.with("cannot read layer " + digest + " from", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT status, claimed_by, claimed_at, diff_id,"
                    + " entries_index FROM layers WHERE layer_digest = ?")) {
                p.setString(1, digest);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    boolean done = "done".equals(rs.getString(1));
                    return new Row(done, rs.getString(2), rs.getString(3), rs.getString(4),
                            done ? rs.getBytes(5) : null);
                }
            }
        });
    }

    private static LayerIndex decode(Row row, Layer layer, PathTable paths) {
        if (row.index() == null || !layer.diffId().toString().equals(row.diffId())) {
            throw new InputException("the fleet database's layer " + layer.blob().digest() + " has diff id "
                    + row.diffId() + ", but the image's config says " + layer.diffId());
        }
        try {
            LayerIndex index = LayerIndexCodec.read(new ByteArrayInputStream(row.index()), layer.diffId(),
                    layer.index(), FilesystemLoader.label(layer), paths);
            layer.checkExpandedSize(index.tarBytes());
            return index;
        } catch (IOException e) {
            throw new InputException("the fleet database's index of layer " + layer.blob().digest()
                    + " cannot be read (" + e.getMessage() + "); written by another Whittle version?", e);
        }
    }

    private static long regularFiles(LayerIndex index) {
        long n = 0;
        for (int r = 0; r < index.size(); r++) {
            if (index.type(r) == EntryType.FILE && !index.isImplicit(r)) {
                n++;
            }
        }
        return n;
    }

    private boolean olderThanTimeout(String claimedAt) {
        try {
            return claimedAt == null || Instant.parse(claimedAt).isBefore(clock.instant().minus(timeout));
        } catch (java.time.format.DateTimeParseException e) {
            return true; // a claim time nobody can read cannot be kept alive either
        }
    }

    private void refreshClaims() {
        List<String> mine = new ArrayList<>(reading.keySet());
        if (mine.isEmpty()) {
            return;
        }
        try {
            db.with("cannot refresh layer claims in", c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE layers SET claimed_at = ?"
                        + " WHERE layer_digest = ? AND claimed_by = ? AND status = 'claimed'")) {
                    for (String digest : mine) {
                        p.setString(1, now());
                        p.setString(2, digest);
                        p.setString(3, owner);
                        p.addBatch();
                    }
                    return p.executeBatch().length;
                }
            });
        } catch (RuntimeException e) {
            // a missed heartbeat only risks another shard reading the layer too; the next one may get through
        }
    }

    private void finish(String digest) {
        CompletableFuture<Void> f = reading.remove(digest);
        if (f != null) {
            f.complete(null);
        }
    }

    private static String key(Layer layer) {
        return layer.blob().digest() + "#" + layer.index();
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another shard's layer", e);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    private record Row(boolean done, String claimedBy, String claimedAt, String diffId, byte[] index) {
    }
}
