package dev.whittle.source;

import dev.whittle.image.InputException;
import dev.whittle.image.Limits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One pass over the headers of an image archive (the outer tar of a docker-archive or OCI archive) before it is
 * indexed, holding it to the rules the layer reader ({@code fs.TarHeaderReader}) keeps: every header's checksum must
 * be right, and a GNU long name or long link may not claim more than {@link Limits#MAX_TAR_LONG_NAME} bytes nor a PAX
 * header more than {@link Limits#MAX_TAR_PAX}, so a header claiming gigabytes is refused before anything allocates
 * it. Content is seeked past, never read; an outer archive has a few dozen entries, so the pass costs a few reads.
 */
final class ArchiveHeaders {
    private static final int BLOCK = 512;

    private ArchiveHeaders() {
    }

    /** Checks every header of {@code tar}; the error starts with {@code label}. A short file is left to the indexer. */
    static void check(Path tar, String label) {
        try (FileChannel ch = FileChannel.open(tar, StandardOpenOption.READ)) {
            long end = ch.size();
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            byte[] h = buf.array();
            long pos = 0;
            long paxSize = -1;
            boolean first = true;
            while (pos + BLOCK <= end) {
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, pos + buf.position()) >= 0) {
                    // fill the block
                }
                if (isZero(h)) {
                    return;
                }
                if (!checksumOk(h)) {
                    throw new InputException(label + ": " + (first ? "not a tar archive (bad header checksum)"
                            : "corrupt tar header at byte " + pos + " (bad checksum)"));
                }
                first = false;
                long size = size(h);
                if (size < 0) {
                    throw new InputException(label + ": corrupt tar header at byte " + pos + " (bad size field)");
                }
                char type = (char) h[156];
                switch (type) {
                    case 'L' -> cap(size, Limits.MAX_TAR_LONG_NAME, Limits.MAX_TAR_NAME, "GNU long name", pos, label);
                    case 'K' -> cap(size, Limits.MAX_TAR_LONG_NAME, Limits.MAX_TAR_NAME, "GNU long link name", pos,
                            label);
                    case 'x', 'X' -> {
                        cap(size, Limits.MAX_TAR_PAX, Limits.MAX_TAR_PAX, "PAX header", pos, label);
                        paxSize = paxSize(ch, pos + BLOCK, (int) Math.min(size, end - pos - BLOCK));
                    }
                    case 'g' -> cap(size, Limits.MAX_TAR_PAX, Limits.MAX_TAR_PAX, "PAX global header", pos,
                            label);
                    default -> {
                        if (paxSize >= 0) {
                            size = paxSize;
                        }
                        paxSize = -1;
                    }
                }
                pos += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
            }
        } catch (IOException e) {
            throw new InputException(label + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Refuses a header over {@code max} bytes; {@code shown} is the limit as the docs state it. */
    private static void cap(long size, int max, int shown, String what, long pos, String label) {
        if (size > max) {
            throw new InputException(label + ": " + what + " of " + size + " bytes at byte " + pos + " is over the "
                    + Limits.describe(shown) + " limit (docs/limits.md)");
        }
    }

    /** The {@code size} record of a PAX header, or -1. */
    private static long paxSize(FileChannel ch, long at, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.max(0, length));
        while (b.hasRemaining() && ch.read(b, at + b.position()) >= 0) {
            // fill
        }
        String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        long size = -1;
        for (String record : text.split("\n")) {
            int eq = record.indexOf(" size=");
            if (eq > 0) {
                try {
                    size = Long.parseLong(record.substring(eq + 6).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return size;
    }

    private static boolean isZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The stored checksum equals the unsigned (POSIX) or the signed (old Sun tar) sum of the header. */
    private static boolean checksumOk(byte[] h) {
        long stored = octal(h, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : h[i];
            unsigned += b & 0xff;
            signed += b;
        }
        return stored >= 0 && (stored == unsigned || stored == signed);
    }

    /** The size field: octal, or base-256 when its first byte has the high bit set (GNU, star). */
    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                if (v > (Long.MAX_VALUE >> 8)) {
                    return -1;
                }
                v = (v << 8) | (h[i] & 0xff);
            }
            return (h[124] & 0x40) != 0 ? -1 : v;
        }
        return octal(h, 124, 12);
    }

    /** An octal field, leading spaces and trailing NULs or spaces allowed; -1 when it is not one. */
    private static long octal(byte[] h, int from, int length) {
        int i = from;
        int end = from + length;
        while (i < end && h[i] == ' ') {
            i++;
        }
        long v = 0;
        int digits = 0;
        for (; i < end && h[i] >= '0' && h[i] <= '7'; i++) {
            v = (v << 3) | (h[i] - '0');
            digits++;
        }
        for (; i < end; i++) {
            if (h[i] != 0 && h[i] != ' ') {
                return -1;
            }
        }
        return digits == 0 ? -1 : v;
    }
}
