package dev.whittle.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * Skips a stream that must see every byte (to hash or inflate it) by reading into one buffer kept for the stream's
 * life: a tar reader skips once per entry, and a fresh 64 KB array each time was most of the allocation (and the GC
 * work) of reading a 200,000-file image.
 */
final class ReadSkipper {
    private byte[] buffer;

    /** Reads and discards up to {@code n} bytes of {@code in}; fewer only at the end of the stream. */
    long skip(InputStream in, long n) throws IOException {
        if (buffer == null) {
            buffer = new byte[1 << 16];
        }
        long skipped = 0;
        while (skipped < n) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
