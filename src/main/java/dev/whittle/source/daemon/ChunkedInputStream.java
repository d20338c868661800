package dev.whittle.source.daemon;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes HTTP/1.1 chunked transfer encoding. A connection that ends before the terminating zero-size chunk is an
 * error (the engine broke off), never a silently short body.
 */
final class ChunkedInputStream extends InputStream {
    private final InputStream in;
    private long chunkLeft;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        if (chunkLeft == 0) {
            nextChunk();
            if (done) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, chunkLeft));
        if (n < 0) {
            throw new EOFException("engine closed the connection in the middle of a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            String crlf = EngineHttp.readLine(in);
            if (!crlf.isEmpty()) {
                throw new IOException("malformed chunked encoding: expected CRLF after a chunk");
            }
        }
        return n;
    }

    private void nextChunk() throws IOException {
        String line;
        try {
            line = EngineHttp.readLine(in);
        } catch (EOFException e) {
            throw new EOFException("engine closed the connection before the end of the chunked body");
        }
        int semi = line.indexOf(';');
        String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
        try {
            chunkLeft = Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunked encoding: bad chunk size [" + hex + "]");
        }
        if (chunkLeft < 0) {
            throw new IOException("malformed chunked encoding: negative chunk size");
        }
        if (chunkLeft == 0) {
            for (String trailer = EngineHttp.readLine(in); !trailer.isEmpty(); trailer = EngineHttp.readLine(in)) {
                // trailers carry nothing we use
            }
            done = true;
        }
    }
}
