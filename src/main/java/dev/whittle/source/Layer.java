package dev.whittle.source;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

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
     * A seekable channel over the uncompressed tar, for random-access readers such as commons-compress
     * {@code TarFile}, when the layer is an uncompressed region of a local file and verification is off; empty
     * otherwise (then use {@link #openTar()}). Note: {@code TarArchiveInputStream} skips entry contents by reading
     * them, so only a channel or direct {@code skip} calls on {@link #openTar()} avoid reading the bytes.
     */
    default Optional<SeekableByteChannel> openTarChannel() throws IOException {
        return Optional.empty();
    }
}
