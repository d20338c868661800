package dev.whittle.slim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A tar read by the indexer while it is written: every byte the indexer reads is written to {@code out}, and what it
 * skips (file content, padding) is read and written too, not skipped. The squashed layer is thereby written and
 * indexed in one pass over the same bytes, and the index is exactly the one indexing the written layer gives.
 */
final class IndexingTee extends InputStream {
    private final InputStream in;
    private final OutputStream out;
    private final byte[] chunk = new byte[1 << 16];

    IndexingTee(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            out.write(b);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            out.write(b, off, n);
        }
        return n;
    }

    /** Copies up to {@code n} bytes to {@code out}; fewer only at the end of the tar. */
    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n) {
            int k = in.read(chunk, 0, (int) Math.min(chunk.length, n - done));
            if (k <= 0) {
                break;
            }
            out.write(chunk, 0, k);
            done += k;
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
