package dev.whittle.source;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * How a blob is compressed, decided from its magic bytes and never from a media type (media types lie in the wild):
 * gzip starts {@code 1f 8b}, zstd {@code 28 b5 2f fd}, anything else is taken as a plain tar.
 */
public enum Compression {
    NONE("tar"),
    GZIP("gzip"),
    ZSTD("zstd");

    /** How many leading bytes {@link #sniff(byte[], int)} needs. */
    public static final int MAGIC_LENGTH = 4;
    private static final int BUFFER = 1 << 16;

    private final String label;

    Compression(String label) {
        this.label = label;
    }

    /** A short name for messages: {@code tar}, {@code gzip} or {@code zstd}. */
    public String label() {
        return label;
    }

    /** Sniffs the first {@code length} bytes of {@code head}. */
    public static Compression sniff(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Sniffs a stream that supports mark/reset without consuming anything. */
    public static Compression sniff(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("sniffing needs a stream that supports mark/reset");
        }
        in.mark(MAGIC_LENGTH);
        byte[] head = new byte[MAGIC_LENGTH];
        int n = in.readNBytes(head, 0, MAGIC_LENGTH);
        in.reset();
        return sniff(head, n);
    }

    /**
     * Wraps a stream that starts with this compression's magic in a decompressing one. Concatenated gzip members
     * are read as one stream, as {@code gzip -d} does.
     */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, BUFFER);
            case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
        };
    }

    /** Sniffs {@code in} and decompresses whatever it holds; the result is buffered. */
    public static InputStream autoDecompress(InputStream in) throws IOException {
        BufferedInputStream buffered = in instanceof BufferedInputStream b ? b : new BufferedInputStream(in, BUFFER);
        return sniff(buffered).decompress(buffered);
    }
}
