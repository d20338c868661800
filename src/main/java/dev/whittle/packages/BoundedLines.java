package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads text lines from a stream without ever holding more than {@link #MAX_LINE} bytes of one line: a hostile
 * database of one 100 MB line costs a bounded buffer, and the rest of the line is dropped (reported by
 * {@link #truncated}). Accepts {@code \n} and {@code \r\n}; decodes UTF-8, replacing malformed bytes.
 */
final class BoundedLines {
    /** Longest line kept, in bytes. */
    static final int MAX_LINE = 64 << 10;

    private final InputStream in;
    /** The read buffer's size when the stream's length is unknown. */
    private static final int BUFFER = 8 << 10;

    private final byte[] buf; // small: one is made per database file, and most are small
    private int pos;
    private int end;
    private byte[] line = new byte[256];
    private long number;
    private long truncated;

    BoundedLines(InputStream in) {
        this(in, BUFFER);
    }

    /**
     * Lines of a stream of about {@code size} bytes (a file's size from its archive entry): the read buffer is no
     * larger than the file. Any size reads the same lines; it only sizes the buffer.
     */
    BoundedLines(InputStream in, long size) {
        this.in = in;
        this.buf = new byte[(int) Math.max(64, Math.min(BUFFER, size + 1))];
    }

    /** The next line without its terminator, or null at the end of the stream. */
    String next() throws IOException {
        int len = nextRaw();
        return len < 0 ? null : new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /**
     * Reads the next line into {@link #lineBytes()} without decoding it (cut at {@link #MAX_LINE} bytes, without its
     * terminator, as {@link #next} would decode it).
     *
     * @return its length in bytes, or -1 at the end of the stream
     */
    int nextRaw() throws IOException {
        int len = 0;
        boolean any = false;
        boolean cut = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return -1;
                    }
                    break;
                }
            }
            any = true;
            int from = pos;
            int nl = from;
            while (nl < end && buf[nl] != '\n') {
                nl++;
            }
            int n = nl - from; // this buffer's part of the line, copied in one go
            int keep = Math.min(n, MAX_LINE - len);
            if (keep > 0) {
                if (len + keep > line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(len + keep, line.length * 2)));
                }
                System.arraycopy(buf, from, line, len, keep);
                len += keep;
            }
            if (keep < n) {
                cut = true;
            }
            if (nl < end) {
                pos = nl + 1;
                break;
            }
            pos = end;
        }
        number++;
        if (cut) {
            truncated++;
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return len;
    }

    /** The bytes of the line {@link #nextRaw} read last (valid up to its length, until the next read). */
    byte[] lineBytes() {
        return line;
    }

    /**
     * Skips the next line without decoding it when it is a continuation line (starts with a space or a tab), for a
     * reader that does not keep the field it continues.
     *
     * @return whether a line was skipped
     */
    boolean skipContinuation() throws IOException {
        if (pos == end) {
            end = in.read(buf, 0, buf.length);
            pos = 0;
            if (end <= 0) {
                end = 0;
                return false;
            }
        }
        if (buf[pos] != ' ' && buf[pos] != '\t') {
            return false;
        }
        number++;
        long length = 0; // a skipped line longer than MAX_LINE still counts as cut, as next() would have cut it
        while (true) {
            int from = pos;
            for (; pos < end; pos++) {
                if (buf[pos] == '\n') {
                    length += pos - from;
                    pos++;
                    countCut(length);
                    return true;
                }
            }
            length += end - from;
            end = in.read(buf, 0, buf.length);
            pos = 0;
            if (end <= 0) {
                end = 0;
                countCut(length);
                return true;
            }
        }
    }

    private void countCut(long length) {
        if (length > MAX_LINE) {
            truncated++;
        }
    }

    /** The number of the line {@link #next} returned last, 1-based. */
    long number() {
        return number;
    }

    /** How many lines were longer than {@link #MAX_LINE} and cut. */
    long truncated() {
        return truncated;
    }
}
