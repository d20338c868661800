package dev.whittle.write;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.MediaTypes;
import dev.whittle.source.Compression;
import dev.whittle.source.Layer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * A staging directory holding blobs as {@code blobs/sha256/HEX} (the OCI layout's shape), each written through a
 * temp file and named by the digest computed while it was written: nothing is ever held whole in memory. It lives
 * beside the destination so the finished image moves into place with a rename; {@link #close} deletes whatever is
 * left of it.
 */
public final class BlobStaging implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path blobs;

    private BlobStaging(Path root) throws IOException {
        this.root = root;
        this.blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        Permissions.shareable(root.resolve("blobs"));
        Permissions.shareable(blobs);
    }

    /**
     * Creates a hidden staging directory inside {@code parent} (the destination's directory).
     *
     * @throws OutputException when it cannot be created
     */
    public static BlobStaging in(Path parent) {
        try {
            Files.createDirectories(parent);
            Path root = Files.createTempDirectory(parent, ".whittle-staging-");
            Permissions.shareable(root);
            return new BlobStaging(root);
        } catch (IOException e) {
            throw new OutputException("cannot create a staging directory in " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The staging directory (an OCI layout once {@link ImageWriter} has written its index). */
    public Path root() {
        return root;
    }

    /** Where the blob with this digest is stored. */
    public Path file(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    /**
     * Writes a new layer: the tar is streamed through the compressor into a temp file while both the diff id (of the
     * tar) and the blob digest (of the compressed bytes) are computed.
     */
    public StagedLayer writeLayer(TarContent content, OutputCompression compression) throws IOException {
        return writeLayer(content, compression, CountingStreams.NONE);
    }

    /** As {@link #writeLayer(TarContent, OutputCompression)}, reporting the tar bytes written to {@code progress}. */
    public StagedLayer writeLayer(TarContent content, OutputCompression compression, LongConsumer progress)
            throws IOException {
        Path tmp = Files.createTempFile(blobs, ".layer-", ".tmp");
        try {
            DigestingOutputStream blob;
            DigestingOutputStream tar;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER)) {
                blob = new DigestingOutputStream(file);
                OutputStream compressed = compression.wrap(blob);
                tar = new DigestingOutputStream(compressed);
                BufferedOutputStream buffered = new BufferedOutputStream(CountingStreams.counting(tar, progress),
                        BUFFER);
                content.writeTo(buffered);
                buffered.flush();
                compressed.close();
            }
            Digest digest = blob.digest();
            moveInto(tmp, digest);
            return new StagedLayer(new Descriptor(compression.ociMediaType(), digest, blob.count()), tar.digest(),
                    tar.count());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies a layer's blob byte for byte (same digest, so registries and nodes keep sharing it); the source checks
     * its digest while it is read.
     */
    public StagedLayer copyLayer(Layer layer) throws IOException {
        return copyLayer(layer, CountingStreams.NONE);
    }

    /** As {@link #copyLayer(Layer)}, reporting the blob bytes copied to {@code progress}. */
    public StagedLayer copyLayer(Layer layer, LongConsumer progress) throws IOException {
        Path tmp = Files.createTempFile(blobs, ".copy-", ".tmp");
        try {
            DigestingOutputStream out;
            byte[] head = new byte[Compression.MAGIC_LENGTH];
            int headLength;
            try (InputStream in = CountingStreams.counting(layer.openBlob(), progress);
                 OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER)) {
                out = new DigestingOutputStream(file);
                headLength = in.readNBytes(head, 0, head.length);
                out.write(head, 0, headLength);
                in.transferTo(out);
            }
            Digest digest = out.digest();
            if (!digest.equals(layer.blob().digest())) {
                throw new IOException("layer " + layer.index() + " read back as " + digest + ", not "
                        + layer.blob().digest());
            }
            moveInto(tmp, digest);
            String mediaType = switch (Compression.sniff(head, headLength)) {
                case GZIP -> MediaTypes.OCI_LAYER_GZIP;
                case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
                case NONE -> MediaTypes.OCI_LAYER;
            };
            return new StagedLayer(new Descriptor(mediaType, digest, out.count()), layer.diffId(), -1);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies a layer as its uncompressed tar (what a docker-archive stores): the blob is the tar, its digest the
     * layer's diff id.
     */
    public StagedLayer copyLayerUncompressed(Layer layer) throws IOException {
        return copyLayerUncompressed(layer, CountingStreams.NONE);
    }

    /** As {@link #copyLayerUncompressed(Layer)}, reporting the tar bytes copied to {@code progress}. */
    public StagedLayer copyLayerUncompressed(Layer layer, LongConsumer progress) throws IOException {
        StagedLayer staged = writeLayer(out -> {
            try (InputStream in = layer.openTar()) {
                in.transferTo(out);
            }
        }, OutputCompression.NONE, progress);
        if (!staged.diffId().equals(layer.diffId())) {
            throw new IOException("layer " + layer.index() + " expanded to " + staged.diffId() + ", not its diff id "
                    + layer.diffId());
        }
        return staged;
    }

    /** Stores small JSON (a config, a manifest) as a blob. */
    public Descriptor writeJson(String mediaType, byte[] bytes) throws IOException {
        Digest digest = Digest.sha256(bytes);
        Path target = file(digest);
        if (!Files.exists(target)) {
            Path tmp = Files.createTempFile(blobs, ".json-", ".tmp");
            try {
                Files.write(tmp, bytes);
                moveInto(tmp, digest);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return new Descriptor(mediaType, digest, bytes.length);
    }

    private void moveInto(Path tmp, Digest digest) throws IOException {
        Permissions.shareable(tmp);
        Files.move(tmp, file(digest), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the staging directory and everything still in it (nothing, once it was moved into place). */
    @Override
    public void close() {
        deleteTree(root);
    }

    /** Deletes a file or a directory tree if it exists; failures to delete are ignored (best effort on cleanup). */
    static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the caller is already reporting the error that brought us here
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }
}
