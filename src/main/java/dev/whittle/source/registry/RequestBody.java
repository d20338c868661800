package dev.whittle.source.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body of known length that can be opened again (a retry, or the request repeated after an auth
 * challenge, sends it anew): small JSON held as bytes, or a blob streamed from wherever it lives.
 */
public interface RequestBody {
    /** Its length in bytes, sent as {@code Content-Length}. */
    long length();

    /** A fresh stream of the whole body. */
    InputStream open() throws IOException;

    /** A body held in memory (manifests, configs). */
    static RequestBody of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new RequestBody() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }
        };
    }

    /** A body of {@code length} bytes opened by {@code opener}. */
    static RequestBody of(long length, Opener opener) {
        return new RequestBody() {
            @Override
            public long length() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }
        };
    }

    /** Opens a body's stream. */
    @FunctionalInterface
    interface Opener {
        /** A fresh stream of the whole body. */
        InputStream open() throws IOException;
    }
}
