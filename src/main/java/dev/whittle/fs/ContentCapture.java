package dev.whittle.fs;

import java.io.IOException;
import java.io.InputStream;

/**
 * Lets a caller read the content of chosen regular files while {@link FilesystemLoader} indexes the layers, so
 * nothing reads a layer twice. Called from the loader's worker threads (several layers at once): implementations
 * must be thread-safe, and {@link #wants} must be cheap since it sees every regular file.
 */
public interface ContentCapture {
    /** Captures nothing; the indexer skips every file's content. */
    ContentCapture NONE = new ContentCapture() {
        @Override
        public boolean wants(int layer, String path, long size) {
            return false;
        }

        @Override
        public boolean mayWant(byte[] path, int length, long size) {
            return false;
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) {
        }
    };

    /**
     * Whether to read this regular file.
     *
     * @param layer the layer's index, 0 = base
     * @param path  the normalised absolute path, e.g. {@code /app/package.json}
     * @param size  the content size from the tar header
     */
    boolean wants(int layer, String path, long size);

    /**
     * A cheap test on the path's bytes, asked before {@link #wants} for every regular file: false means
     * {@link #wants} would say false, so the indexer makes no string of the path. It must never be false where
     * {@link #wants} would be true. The default asks {@link #wants}.
     *
     * @param path   the normalised absolute path as UTF-8 bytes in {@code path[0, length)}, e.g.
     *               {@code /app/package.json}
     * @param length the path's length in bytes
     * @param size   the content size from the tar header
     */
    default boolean mayWant(byte[] path, int length, long size) {
        return true;
    }

    /**
     * Receives a file {@link #wants} asked for. {@code content} ends with the file (at most {@code size} bytes) and
     * is valid only during this call; whatever is left unread is skipped. Do not close it. Where the layer is a local
     * uncompressed file read without its digests checked, {@code content} is also a
     * {@link dev.whittle.source.PositionalInput}: a capture that needs only parts of a large file may read them where
     * they lie.
     */
    void accept(int layer, String path, long size, InputStream content) throws IOException;
}
