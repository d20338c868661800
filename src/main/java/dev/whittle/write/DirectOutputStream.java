package dev.whittle.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * An output stream whose writer may also fill its buffer in place: {@link #room} hands out free space in the
 * stream's own (direct) buffer, the writer puts bytes there (a positional read from a file, say) and {@link #commit}s
 * them. Bytes read from a file so reach the output with no copy through the heap and no copy into the JDK's
 * temporary direct buffer, which a {@code write(byte[])} to a channel costs.
 *
 * <p>Filters ({@link Filter}) keep the capability: each sees every byte that passes, written or committed.
 */
public abstract class DirectOutputStream extends OutputStream {

    /**
     * Free room in the stream's buffer, from the returned buffer's position 0 to its limit: never empty (a full buffer
     * is written out first), but maybe less than the caller has. Valid until the next call on this stream; put bytes
     * at positions from 0, then {@link #commit} how many.
     */
    public abstract ByteBuffer room() throws IOException;

    /** Commits the first {@code n} bytes of the last {@link #room}: they are part of the output now. */
    public abstract void commit(int n) throws IOException;

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /**
     * An output stream that passes everything on to a {@link DirectOutputStream} and watches it on the way:
     * {@link #passed(ByteBuffer)} and {@link #passed(byte[], int, int)} see each byte once, in order.
     */
    public abstract static class Filter extends DirectOutputStream {
        /** Where the bytes go. */
        protected final DirectOutputStream out;
        private ByteBuffer room;

        /** Watches what goes into {@code out}. */
        protected Filter(DirectOutputStream out) {
            this.out = out;
        }

        /** Sees bytes committed from a room: {@code bytes}' position to its limit (read-only, do not keep it). */
        protected abstract void passed(ByteBuffer bytes);

        /** Sees bytes written. */
        protected abstract void passed(byte[] b, int off, int len);

        @Override
        public ByteBuffer room() throws IOException {
            room = out.room();
            return room;
        }

        @Override
        public void commit(int n) throws IOException {
            passed(room.duplicate().position(0).limit(n));
            out.commit(n);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            passed(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** Does not close {@code out}: a filter watches one part of a longer output. */
        @Override
        public void close() {
        }
    }
}
