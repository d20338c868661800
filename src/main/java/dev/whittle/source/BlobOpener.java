package dev.whittle.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * A way to open one stored blob from its start, as many times as needed (a file region, a cached file, an HTTP
 * request). Implementations that can seek return a stream whose {@link InputStream#skip} is cheap and say so with
 * {@link #seekable()}.
 */
@FunctionalInterface
public interface BlobOpener {

    /** Opens the blob's bytes exactly as stored. */
    InputStream open() throws IOException;

    /** True when {@link #open()} returns a stream whose {@code skip} seeks instead of reading. */
    default boolean seekable() {
        return false;
    }

    /**
     * True when this process has already checked these bytes against the blob's digest and size (a blob it just
     * downloaded into the cache, verified before it became visible), so reading them again needs no second hash.
     */
    default boolean digestChecked() {
        return false;
    }

    /**
     * The error to report when reading the blob failed with {@code readError}: the source's own when it knows a
     * truer cause (a download that failed its digest check, which corrupt bytes show first as a broken gzip stream).
     * May wait for that source to finish.
     */
    default RuntimeException failure(RuntimeException readError) {
        return readError;
    }
}
