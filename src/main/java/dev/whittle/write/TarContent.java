package dev.whittle.write;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a layer's uncompressed tar into the stream it is given (and does not close it). */
@FunctionalInterface
public interface TarContent {

    /** Writes the whole tar, end-of-archive blocks included. */
    void writeTo(OutputStream tar) throws IOException;
}
