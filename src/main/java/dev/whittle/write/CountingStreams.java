package dev.whittle.write;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/** Streams that report how many bytes pass, for a progress bar: {@code progress} gets each chunk's length. */
public final class CountingStreams {
    /** Reports nothing. */
    public static final LongConsumer NONE = n -> { };

    private CountingStreams() {
    }

    /** {@code in}, reporting the bytes read from it. */
    public static InputStream counting(InputStream in, LongConsumer progress) {
        if (progress == NONE) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    progress.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.accept(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    progress.accept(skipped);
                }
                return skipped;
            }
        };
    }

    /**
     * {@code out}, reporting the bytes written to it; a {@link DirectOutputStream} stays one (its room can still be
     * filled in place).
     */
    public static OutputStream counting(OutputStream out, LongConsumer progress) {
        if (progress == NONE) {
            return out;
        }
        if (out instanceof DirectOutputStream direct) {
            return counting(direct, progress);
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                progress.accept(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                progress.accept(len);
            }
        };
    }

    /** {@code out}, reporting the bytes written or committed to it. */
    public static DirectOutputStream counting(DirectOutputStream out, LongConsumer progress) {
        if (progress == NONE) {
            return out;
        }
        return new DirectOutputStream.Filter(out) {
            @Override
            protected void passed(java.nio.ByteBuffer bytes) {
                progress.accept(bytes.remaining());
            }

            @Override
            protected void passed(byte[] b, int off, int len) {
                progress.accept(len);
            }
        };
    }

    /**
     * An output stream that keeps the count of bytes written through it: a writer that must record where each part
     * of a file begins (an archive's members, a layer's records) reads {@link #count()} instead of asking the file.
     */
    public static final class Position extends FilterOutputStream {
        private long count;

        /** Counts what passes into {@code out}, from zero. */
        public Position(OutputStream out) {
            super(out);
        }

        /** The bytes written so far. */
        public long count() {
            return count;
        }

        /** Sets the count back to {@code position}, after the caller truncated the file it writes to there. */
        public void rewind(long position) {
            count = position;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
