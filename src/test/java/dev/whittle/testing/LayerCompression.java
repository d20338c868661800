package dev.whittle.testing;

import com.github.luben.zstd.Zstd;
import dev.whittle.image.MediaTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** How the fixture writers store a layer blob: deterministic output, so digests are stable across runs. */
public enum LayerCompression {
    NONE(MediaTypes.OCI_LAYER),
    GZIP(MediaTypes.OCI_LAYER_GZIP),
    ZSTD(MediaTypes.OCI_LAYER_ZSTD);

    private final String ociMediaType;

    LayerCompression(String ociMediaType) {
        this.ociMediaType = ociMediaType;
    }

    /** The OCI layer media type for this compression. */
    public String ociMediaType() {
        return ociMediaType;
    }

    /** Compresses {@code tar} (no timestamps or names in the gzip header). */
    public byte[] apply(byte[] tar) {
        return switch (this) {
            case NONE -> tar;
            case GZIP -> gzip(tar);
            case ZSTD -> Zstd.compress(tar, 3);
        };
    }

    /** Gzip with an all-zero header (mtime 0), as reproducible builds do. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Gzip in stored blocks (no compression): its length depends only on the length of {@code bytes}, so a file
     * rewritten with other content of the same length keeps its size, as a test of change detection needs.
     */
    public static byte[] storedGzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 1000 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
