package dev.whittle.write;

import com.github.luben.zstd.ZstdOutputStream;
import dev.whittle.image.MediaTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * How a new layer blob is compressed: gzip (level 1-9), zstd (level 1-19) or none.
 *
 * @param kind  the algorithm
 * @param level its level; ignored for {@link Kind#NONE}
 */
public record OutputCompression(Kind kind, int level) {

    /** The algorithms a layer blob may use. */
    public enum Kind { GZIP, ZSTD, NONE }

    /** gzip at level 6, what docker and buildah write. */
    public static final OutputCompression GZIP_DEFAULT = new OutputCompression(Kind.GZIP, 6);
    /** No compression: the blob is the tar. */
    public static final OutputCompression NONE = new OutputCompression(Kind.NONE, 0);

    public OutputCompression {
        int max = kind == Kind.GZIP ? 9 : kind == Kind.ZSTD ? 19 : 0;
        if (kind != Kind.NONE && (level < 1 || level > max)) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " level must be 1-" + max
                    + ", got " + level);
        }
    }

    /**
     * Parses {@code gzip}, {@code gzip:9}, {@code zstd}, {@code zstd:19} or {@code none}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static OutputCompression parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        Integer level = null;
        if (colon >= 0) {
            try {
                level = Integer.parseInt(t.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad compression level in [" + text + "]");
            }
        }
        return switch (name) {
            case "gzip" -> new OutputCompression(Kind.GZIP, level == null ? 6 : level);
            case "zstd" -> new OutputCompression(Kind.ZSTD, level == null ? 3 : level);
            case "none" -> {
                if (level != null) {
                    throw new IllegalArgumentException("none takes no level");
                }
                yield NONE;
            }
            default -> throw new IllegalArgumentException("unknown compression [" + text + "] (gzip[:1-9], zstd[:1-19], none)");
        };
    }

    /** The OCI media type of a layer blob compressed this way. */
    public String ociMediaType() {
        return switch (kind) {
            case GZIP -> MediaTypes.OCI_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
            case NONE -> MediaTypes.OCI_LAYER;
        };
    }

    /**
     * Wraps {@code out} in a compressor that uses every core ({@link ParallelGzipOutputStream}, zstd's workers);
     * closing the result finishes the stream and closes {@code out}. The gzip header carries no time or name and the
     * output never depends on the number of cores, so the same tar always gives the same blob.
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        return switch (kind) {
            case GZIP -> new ParallelGzipOutputStream(out, level);
            case ZSTD -> {
                ZstdOutputStream z = new ZstdOutputStream(out, level);
                z.setChecksum(false);
                // zstd's own worker threads; with at least one worker the frames do not depend on how many
                z.setWorkers(Math.max(1, Runtime.getRuntime().availableProcessors()));
                yield z;
            }
            case NONE -> out;
        };
    }

    /** How the CLI writes it back: {@code gzip:6}, {@code zstd:3}, {@code none}. */
    @Override
    public String toString() {
        return kind == Kind.NONE ? "none" : kind.name().toLowerCase(Locale.ROOT) + ":" + level;
    }
}
