package dev.whittle.source;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import java.io.IOException;
import java.io.InputStream;

/** One layer of an opened image. */
public interface Layer {

    /** Position in the image, 0 = base. */
    int index();

    /** The digest of the uncompressed tar, from the config's {@code rootfs.diff_ids}. */
    Digest diffId();

    /**
     * The blob as stored: its digest, exact stored size and declared media type. For an uncompressed layer in a
     * docker-archive the digest equals the diff id and the size is the tar size.
     */
    Descriptor blob();

    /** True when the stored blob is compressed (gzip or zstd, sniffed from its magic bytes). */
    boolean compressed();

    /**
     * Opens the layer as an uncompressed tar stream. Reading it to the end verifies the blob digest and size and the
     * diff id (unless verification is off), throwing {@link dev.whittle.image.DigestMismatchException}; expanding past
     * the configured bound throws {@link dev.whittle.image.InputException}. {@link InputStream#skip} is cheap
     * (a seek) where the blob is an uncompressed region of a local file and verification is off.
     */
    InputStream openTar() throws IOException;

    /**
     * Opens the blob exactly as stored (compressed or not), for copying it byte for byte into another image. Reading
     * it to the end checks the blob digest and size unless verification is off. The default serves layers that only
     * exist uncompressed, whose blob is their tar.
     */
    default InputStream openBlob() throws IOException {
        if (compressed()) {
            throw new UnsupportedOperationException("layer " + index() + " cannot be copied as stored");
        }
        return openTar();
    }

    /**
     * True when {@link #openTar()} returns a stream whose {@code skip} seeks instead of reading: an uncompressed
     * region of a local file with verification off. A reader that only needs tar headers then reads no content.
     */
    default boolean skipsBySeeking() {
        return false;
    }

    /**
     * True when this layer's digests can be checked apart from reading its tar headers: an uncompressed region of a
     * local file, with verification on. A loader may then index it from {@link #openUncheckedTar()} (headers only,
     * seeking past content) while another thread reads {@link #openTar()} to its end to check the digests, and must
     * show nothing built from that index before the check held.
     */
    default boolean verifiesApart() {
        return false;
    }

    /**
     * For a layer that {@link #verifiesApart()}: its tar as stored, whose {@code skip} seeks, with no digest check
     * (the expansion bound still holds). Its index is only trustworthy once {@link #openTar()} was read to its end.
     */
    default InputStream openUncheckedTar() throws IOException {
        throw new UnsupportedOperationException("layer " + index() + " is only read with its digests checked");
    }

    /**
     * The error to report for a read of this layer that failed with {@code readError}: its source's own when that
     * knows the truer cause (a blob that failed its digest check while it downloaded), else {@code readError}.
     */
    default RuntimeException failure(RuntimeException readError) {
        return readError;
    }

    /**
     * True when this layer's bytes are known to be its diff id's content without reading them (a content-addressed
     * registry blob, or a local file region a verified read recognised by its stat key), so an index cached under
     * the diff id may stand in for reading the layer.
     */
    default boolean knownContent() {
        return false;
    }

    /**
     * Applies the expansion bound to a layer known from the cache without reading it: throws the error a read would
     * have thrown when its tar of {@code tarBytes} bytes is past the bound, so a cached layer answers as a read one.
     */
    default void checkExpandedSize(long tarBytes) {
    }

    /**
     * What names this layer's stored bytes wherever they are opened from (a file region, a registry digest); null
     * when unknown. Two loads of layers with equal locations read the same bytes, so one may wait for the other's
     * read instead of repeating it.
     */
    default Object location() {
        return null;
    }

    /**
     * The uncompressed tar as a region of a local file, for a writer that copies entries from it by offset: its bytes
     * are in place when this returns (a remembered archive compressed as a whole is decompressed first); null when the
     * layer is compressed or not a local file region. The bytes are not checked here: a reader relies on an earlier
     * verified read of the same layer.
     *
     * @throws IOException when the bytes cannot be put in place
     */
    default FileRegion localTar() throws IOException {
        return null;
    }

    /**
     * True while this layer's bytes are still on their way (a registry download under way or queued): a read of it
     * mostly waits for them, so a loader may run more reads than it has cores.
     */
    default boolean arriving() {
        return false;
    }
}
