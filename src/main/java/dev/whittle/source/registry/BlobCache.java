package dev.whittle.source.registry;

import dev.whittle.cache.AtomicFiles;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * A content-addressed store of blobs under {@code DIR/blobs/ALG/HEX}, the {@code blobs} kind of the shared
 * {@link dev.whittle.cache.LayerCache} (which counts and prunes them with the other entries). A blob is written to a temp file beside its
 * final place, its digest and size checked, and only then renamed into place, so a crash or a bad download never
 * leaves an entry holding wrong bytes. Safe for concurrent writers: the rename is atomic and the content is
 * identical whoever wins.
 */
public final class BlobCache {
    private static final int BUFFER = 64 << 10;
    /** A temp file this old belongs to a run that crashed or was killed, never to a write in progress. */
    static final Duration STALE = Duration.ofDays(1);
    private final Path root;
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();

    public BlobCache(Path root) {
        this.root = root;
    }

    /** The shared cache's default place: see {@link dev.whittle.cache.CacheOptions#defaultDir}. */
    public static Path defaultDir(Map<String, String> env, Path home) {
        return dev.whittle.cache.CacheOptions.defaultDir(env, home);
    }

    /** The cache root. */
    public Path root() {
        return root;
    }

    /** Where the blob with this digest lives (whether or not it is there yet). */
    public Path path(Digest digest) {
        return root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    }

    /** The cached blob, if present with the expected size. Content was verified when it was stored. */
    public Optional<Path> find(Digest digest, long expectedSize) {
        Path p = path(digest);
        try {
            if (Files.isRegularFile(p) && (expectedSize < 0 || Files.size(p) == expectedSize)) {
                dev.whittle.cache.LayerCache.touch(p); // used now: pruning keeps it longest
                return Optional.of(p);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Streams {@code in} into the cache, checking the digest (and {@code expectedSize} when not negative). On any
     * failure the temp file is deleted and nothing is stored. {@code progress} receives byte counts as they arrive.
     *
     * @throws DigestMismatchException when the bytes do not match
     * @throws IOException when reading {@code in} fails (e.g. the connection drops mid-blob)
     */
    public Path store(Digest digest, long expectedSize, InputStream in, LongConsumer progress) throws IOException {
        return store(digest, expectedSize, in, progress, WriteWatcher.NONE);
    }

    /**
     * As {@link #store(Digest, long, InputStream, LongConsumer)}, telling {@code watcher} where the bytes go and how
     * many are there, so that a reader can follow the blob while it arrives.
     */
    public Path store(Digest digest, long expectedSize, InputStream in, LongConsumer progress, WriteWatcher watcher)
            throws IOException {
        return writeAtomically(path(digest), digest, watcher, out -> {
            MessageDigest md = digest.newMessageDigest();
            long total = 0;
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (expectedSize >= 0 && total > expectedSize) {
                    throw new InputException("blob " + digest + " is larger than its declared " + expectedSize
                            + " bytes");
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n); // unbuffered: once written, another descriptor on the file reads these bytes
                watcher.wrote(total);
                progress.accept(n);
            }
            if (expectedSize >= 0 && total != expectedSize) {
                throw new IOException("blob " + digest + " ended after " + total + " of " + expectedSize + " bytes");
            }
            Digest actual = Digest.fromHash(digest.algorithm(), md.digest());
            if (!actual.equals(digest)) {
                throw new DigestMismatchException("blob " + digest, digest.toString(), actual.toString());
            }
        });
    }

    /** Stores bytes already in memory (manifests, configs), with the same verification. */
    public Path store(Digest digest, byte[] bytes) {
        try {
            return store(digest, bytes.length, new java.io.ByteArrayInputStream(bytes), n -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills a temp file beside {@code target} and renames it into place only if {@code writer} returns normally. */
    private Path writeAtomically(Path target, Digest key, WriteWatcher watcher, DerivedWriter writer)
            throws IOException {
        Files.createDirectories(target.getParent());
        sweepStale(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), key.hex().substring(0, 12) + ".", ".partial");
        watcher.started(tmp);
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            done = true;
            return target;
        } finally {
            if (!done) {
                AtomicFiles.deleteQuietly(tmp);
            }
        }
    }

    /**
     * Deletes the temp files that runs which crashed or were killed left in {@code dir} (a failing write deletes its
     * own), once per directory and cache instance, so they cannot pile up.
     */
    private void sweepStale(Path dir) {
        if (!swept.add(dir)) {
            return;
        }
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*.partial")) {
            for (Path p : temps) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // another run removed or renamed it meanwhile
                }
            }
        } catch (IOException ignored) {
            // sweeping is housekeeping: the write itself decides success
        }
    }

    /**
     * Watches a blob being written: the temp file each attempt writes (a retried download starts a new one) and how
     * many bytes it holds so far. The bytes are those of the blob, but checked against its digest only at the end.
     */
    public interface WriteWatcher {
        WriteWatcher NONE = new WriteWatcher() {
            @Override
            public void started(Path partial) {
            }

            @Override
            public void wrote(long bytes) {
            }
        };

        /** A new attempt writes to {@code partial}, from its first byte. */
        void started(Path partial);

        /** {@code partial} now holds the first {@code bytes} bytes of the blob. */
        void wrote(long bytes);
    }

    /** Writes a blob to a stream; may throw to abandon it. */
    @FunctionalInterface
    private interface DerivedWriter {
        void write(OutputStream out) throws IOException;
    }
}
