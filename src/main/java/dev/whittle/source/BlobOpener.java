package dev.whittle.source;

import dev.whittle.image.Digest;
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

    /**
     * True when these bytes are known, without reading them, to be the blob {@code blob} whose uncompressed tar is
     * {@code diffId}: a content-addressed registry blob, or a local file region a verified read recognised before.
     * Only then may data derived from the diff id (a cached layer index) stand in for reading the layer.
     */
    default boolean known(Digest blob, Digest diffId) {
        return false;
    }

    /**
     * The digest of the stored bytes when a verified read proved them to be a blob whose uncompressed tar is
     * {@code diffId} and they are unchanged since; null when unknown. Spares hashing a blob only to learn its digest.
     */
    default Digest knownBlob(Digest diffId) {
        return null;
    }

    /** True while the bytes are still arriving (a download under way or queued): see {@link Layer#arriving()}. */
    default boolean arriving() {
        return false;
    }

    /** The first {@code n} bytes of the blob as stored (fewer when it is shorter), to sniff its compression. */
    default byte[] head(int n) throws IOException {
        try (InputStream in = open()) {
            return in.readNBytes(n);
        }
    }

    /**
     * A read that verifies the whole blob is about to start: the returned receipt is told when both its digests
     * held, so a cache can remember the bytes as verified.
     */
    default VerifiedRead verifiedRead() {
        return VerifiedRead.NONE;
    }

    /**
     * What names these exact bytes wherever they are opened from (a file region, a registry digest), so two layers
     * that read the same bytes can tell; null when unknown. Only equality matters.
     */
    default Object location() {
        return null;
    }

    /**
     * These bytes as a region of a local file that may be read in place, its bytes there when this returns (a
     * remembered archive's deferred decompression is done first); null when they are not in a local file. Unlike
     * {@link #location()}, which only names the bytes, this is for reading them.
     *
     * @throws IOException when the bytes cannot be put in place
     */
    default FileRegion localRegion() throws IOException {
        return null;
    }

    /**
     * What tells the stored bytes' current state without reading them (a local file's stat: device, inode, size,
     * times), or null when nothing does. Equal stamps taken before one read and after another mean both read the
     * same bytes, as far as a stat key can tell (the layer cache trusts it as much).
     */
    default Object stamp() {
        return null;
    }

    /** Told once a read from the start of the blob to its end proved both digests. */
    @FunctionalInterface
    interface VerifiedRead {
        /** Remembers nothing. */
        VerifiedRead NONE = (blob, diffId) -> { };

        /** The read ended and the bytes hashed to {@code blob}, their uncompressed tar to {@code diffId}. */
        void verified(Digest blob, Digest diffId);
    }
}
