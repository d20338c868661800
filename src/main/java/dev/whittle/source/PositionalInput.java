package dev.whittle.source;

import java.io.IOException;

/**
 * A stream that can also read at any position of its bytes without moving: the stream of a local file region
 * ({@link FileRegion#open()}), and the content of a tar entry read from one. A reader that needs a few places of a
 * large file (a jar's central directory at its end, then one small entry) reads them where they lie instead of
 * streaming every byte in between.
 */
public interface PositionalInput {

    /**
     * Reads up to {@code len} bytes starting {@code position} bytes into the stream's content (0 is its first byte,
     * wherever the stream itself stands) into {@code b} from {@code off}. Neither moves nor depends on the stream's
     * own position.
     *
     * @return the number of bytes read, at least 1 when {@code len > 0} and the position lies inside the content;
     *         -1 at or past its end
     * @throws IOException when the bytes cannot be read, or the file ends before the content it should hold
     */
    int readAt(long position, byte[] b, int off, int len) throws IOException;

    /**
     * Reads exactly {@code len} bytes at {@code position}, as {@link #readAt} does.
     *
     * @throws java.io.EOFException when the content ends first
     */
    default void readFullyAt(long position, byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = readAt(position + done, b, off + done, len - done);
            if (n < 0) {
                throw new java.io.EOFException("content ends " + (position + done) + " bytes in, before the "
                        + (len - done) + " more bytes asked for");
            }
            done += n;
        }
    }
}
