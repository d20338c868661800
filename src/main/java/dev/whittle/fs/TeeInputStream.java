package dev.whittle.fs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies every byte read from a stream to {@code copy}, the bytes a reader skips too (they are read and copied, not
 * skipped), so that after {@link #drain} the copy holds the whole stream whatever the reader read or skipped: a
 * capture handing one file to two readers, or slim indexing the squashed layer from the bytes on their way out.
 * Closing it closes neither stream: their owners do. (commons-io's {@code TeeInputStream} skips past what a reader
 * skips, which would leave holes in the copy.)
 */
public final class TeeInputStream extends FilterInputStream {
    private final OutputStream copy;
    private byte[] chunk;

    /** Reads {@code in}, copying to {@code copy}. */
    public TeeInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int c = in.read();
        if (c >= 0) {
            copy.write(c);
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
        }
        return n;
    }

    /** Reads and copies up to {@code n} bytes; fewer only at the end of the stream. */
    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            int r = read(chunk(), 0, (int) Math.min(chunk.length, n - done));
            if (r <= 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Reads and copies the rest of the stream. */
    public void drain() throws IOException {
        while (read(chunk(), 0, chunk.length) > 0) {
            // copied by read
        }
    }

    private byte[] chunk() {
        if (chunk == null) {
            chunk = new byte[64 << 10];
        }
        return chunk;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() {
        // the streams' owners close them
    }
}
