package dev.whittle.fs;

import dev.whittle.source.PositionalInput;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads tar headers one after another and skips file content (so a seekable source seeks instead of reading).
 * Understands ustar, GNU ({@code L}/{@code K} long names, base-256 numbers) and PAX ({@code x}) headers, and GNU
 * sparse files in the old GNU ({@code S}) and the PAX 0.0, 0.1 and 1.0 forms: their {@link #size} is the apparent
 * (logical) size, as Go's archive/tar (and so dive and docker) reports it, while the stored bytes are skipped. Problems are
 * reported as {@link TarFormatException}s with a short reason; {@link LayerIndexer} adds the layer and path.
 */
final class TarHeaderReader {
    static final int MAX_NAME = dev.whittle.image.Limits.MAX_TAR_NAME;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 512;
    private static final int MAX_PAX = dev.whittle.image.Limits.MAX_TAR_PAX;

    private final InputStream in;
    /** {@link #in} when it reads by position too (its positions then count from where this reader started). */
    private final PositionalInput positional;
    private final byte[] block = new byte[BLOCK];
    private long position;
    private long pendingContent;
    private long pendingPadding;
    private int headersRead;

    // The current entry.
    byte[] name = new byte[MAX_NAME];
    int nameLength;
    byte[] link = new byte[MAX_NAME];
    int linkLength;
    char type;
    long size;
    int mode;
    long uid;
    long gid;
    long mtime;
    /** True when the current entry is a GNU sparse file: {@link #size} is its apparent size, not what is stored. */
    boolean sparse;

    TarHeaderReader(InputStream in) {
        this.in = in;
        this.positional = in instanceof PositionalInput p ? p : null;
    }

    /** Bytes consumed from the stream so far. */
    long position() {
        return position;
    }

    /** Where the current entry's content and padding end (where the next entry's records start). */
    long entryEnd() {
        return position + pendingContent + pendingPadding;
    }

    /** The current entry's name as text (for messages). */
    String nameText() {
        return new String(name, 0, nameLength, StandardCharsets.UTF_8);
    }

    /**
     * The current entry's content ({@link #size} bytes at most), for reading before the next {@link #next}; what is
     * left unread is skipped then. When this reader's stream reads by position ({@link PositionalInput}, a local file
     * region read from its first byte), so does the content: a capture may read the parts of a large file it needs
     * where they lie, and the stream seeks past the rest.
     */
    InputStream content() {
        return positional == null ? new Content() : new PositionalContent(position, pendingContent);
    }

    /** The current entry's content, read in order. */
    private class Content extends InputStream {
        private long left = pendingContent;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new TarFormatException("truncated: the header claims " + size
                        + " bytes but the stream ends " + (size - left) + " bytes into them", true);
            }
            left -= n;
            pendingContent -= n;
            position += n;
            return n;
        }
    }

    /** The current entry's content, also read by position: {@code length} bytes from {@code start} of the stream. */
    private final class PositionalContent extends Content implements PositionalInput {
        private final long start;
        private final long length;

        PositionalContent(long start, long length) {
            this.start = start;
            this.length = length;
        }

        @Override
        public int readAt(long at, byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (at < 0) {
                throw new IllegalArgumentException("negative position " + at);
            }
            if (at >= length) {
                return -1;
            }
            int n = positional.readAt(start + at, b, off, (int) Math.min(len, length - at));
            if (n < 0 && len > 0) {
                throw new TarFormatException("truncated: the header claims " + size + " bytes but the stream ends "
                        + "before byte " + at + " of them", true);
            }
            return n;
        }
    }

    /** Moves to the next entry, skipping the current one's content; false at the end of the archive. */
    boolean next() throws IOException {
        skipFully(pendingContent, true);
        boolean ended = !skipPadding(pendingPadding);
        pendingContent = 0;
        pendingPadding = 0;
        if (ended) {
            return false;
        }
        byte[] longName = null;
        byte[] longLink = null;
        Pax pax = null;
        while (true) {
            int got = readBlock();
            if (got == 0) {
                // No end-of-archive marker. umoci 0.4's insert writes layers like this; a real truncation at an
                // entry boundary is still caught by the blob digest and diff id checks.
                return false;
            }
            if (got < BLOCK) {
                throw new TarFormatException(headersRead == 0 ? "not a tar archive (shorter than one header)" : "truncated inside a tar header");
            }
            if (isZero(block)) {
                return false;
            }
            checkChecksum();
            headersRead++;
            char flag = (char) (block[156] & 0xff);
            long headerSize = number(124, 12, "size");
            if (headerSize < 0) {
                throw new TarFormatException("negative size in tar header");
            }
            switch (flag) {
                case 'L' -> longName = readMeta(headerSize, MAX_NAME + 1, "GNU long name");
                case 'K' -> longLink = readMeta(headerSize, MAX_NAME + 1, "GNU long link name");
                case 'x', 'X' -> pax = Pax.parse(readMeta(headerSize, MAX_PAX, "PAX header"));
                case 'g' -> skipFully(padded(headerSize), true);
                default -> {
                    fill(flag, headerSize, longName, longLink, pax);
                    if (flag == 'S') {
                        gnuSparse(headerSize);
                    }
                    return true;
                }
            }
        }
    }

    private void fill(char flag, long headerSize, byte[] longName, byte[] longLink, Pax pax) {
        type = flag;
        if (pax != null && pax.path != null) {
            setName(pax.path, pax.path.length);
        } else if (longName != null) {
            setName(longName, cstrLength(longName, 0, longName.length));
        } else {
            readName();
        }
        if (pax != null && pax.linkpath != null) {
            setLink(pax.linkpath, pax.linkpath.length);
        } else if (longLink != null) {
            setLink(longLink, cstrLength(longLink, 0, longLink.length));
        } else {
            setLink(block, 157, cstrLength(block, 157, 100));
        }
        size = pax != null && pax.size >= 0 ? pax.size : headerSize;
        mode = (int) number(100, 8, "mode");
        uid = pax != null && pax.uid >= 0 ? pax.uid : number(108, 8, "uid");
        gid = pax != null && pax.gid >= 0 ? pax.gid : number(116, 8, "gid");
        mtime = pax != null && pax.mtime != Long.MIN_VALUE ? pax.mtime : number(136, 12, "mtime");
        // Header-only types carry no data whatever their size field says (as Go's archive/tar reads them).
        boolean headerOnly = flag >= '1' && flag <= '6';
        pendingContent = headerOnly ? 0 : size;
        pendingPadding = headerOnly ? 0 : padded(size) - size;
        sparse = false;
        if (pax != null && pax.sparseSize >= 0 && !headerOnly) {
            // PAX sparse (GNU 0.0, 0.1, 1.0): the stored bytes (map and data) are skipped as they are; the file's
            // size is the apparent one, and its name the real one (Go's archive/tar does the same).
            sparse = true;
            size = pax.sparseSize;
            if (pax.sparseName != null) {
                setName(pax.sparseName, pax.sparseName.length);
            }
        }
    }

    /**
     * The old GNU sparse form ({@code S}): the header holds the apparent size and the first four map entries, and
     * more map entries follow in extension blocks before the stored data, which the size field measures.
     */
    private void gnuSparse(long stored) throws IOException {
        long apparent = number(483, 12, "sparse real size");
        boolean extended = block[482] != 0;
        while (extended) {
            if (readBlock() < BLOCK) {
                throw new TarFormatException("truncated inside a GNU sparse map", true);
            }
            extended = block[504] != 0;
        }
        sparse = true;
        size = apparent;
        pendingContent = stored;
        pendingPadding = padded(stored) - stored;
    }

    private void readName() {
        int n = cstrLength(block, 0, 100);
        boolean ustar = block[257] == 'u' && block[258] == 's' && block[259] == 't' && block[260] == 'a'
                && block[261] == 'r';
        boolean gnu = ustar && block[262] == ' ';
        int prefixLength = ustar && !gnu ? cstrLength(block, 345, 155) : 0;
        if (prefixLength > 0) {
            System.arraycopy(block, 345, name, 0, prefixLength);
            name[prefixLength] = '/';
            System.arraycopy(block, 0, name, prefixLength + 1, n);
            nameLength = prefixLength + 1 + n;
        } else {
            System.arraycopy(block, 0, name, 0, n);
            nameLength = n;
        }
    }

    private void setName(byte[] src, int len) {
        if (len > MAX_NAME) {
            throw new TarFormatException("entry name longer than 4 KB (" + len + " bytes)");
        }
        System.arraycopy(src, 0, name, 0, len);
        nameLength = len;
    }

    private void setLink(byte[] src, int len) {
        setLink(src, 0, len);
    }

    private void setLink(byte[] src, int off, int len) {
        if (len > MAX_NAME) {
            throw new TarFormatException("link target longer than 4 KB (" + len + " bytes)");
        }
        System.arraycopy(src, off, link, 0, len);
        linkLength = len;
    }

    private byte[] readMeta(long size, int max, String what) throws IOException {
        if (size > max) {
            throw new TarFormatException(what + " of " + size + " bytes is over the "
                    + dev.whittle.image.Limits.describe(max == MAX_NAME + 1 ? MAX_NAME : max) + " limit (docs/limits.md)");
        }
        byte[] out = new byte[(int) size];
        int off = 0;
        while (off < out.length) {
            int r = in.read(out, off, out.length - off);
            if (r < 0) {
                throw new TarFormatException("truncated inside a " + what);
            }
            off += r;
        }
        position += size;
        skipFully(padded(size) - size, false);
        return out;
    }

    private int readBlock() throws IOException {
        int off = 0;
        while (off < BLOCK) {
            int r = in.read(block, off, BLOCK - off);
            if (r < 0) {
                break;
            }
            off += r;
        }
        position += off;
        return off;
    }

    /**
     * Skips the zero padding after an entry's content. False when the stream ends right there: some writers (umoci
     * 0.4's insert) end a layer after the last file's content with neither padding nor end marker.
     */
    private boolean skipPadding(long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    if (left == n) {
                        return false;
                    }
                    throw new TarFormatException("truncated inside the padding after an entry's content", true);
                }
                s = 1;
            }
            left -= s;
            position += s;
        }
        return true;
    }

    /** Skips exactly n bytes; a short stream means the header promised more than there is. */
    private void skipFully(long n, boolean content) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new TarFormatException("truncated: the header claims " + (content ? size : n)
                            + " bytes but the stream ends " + (n - left) + " bytes into them", content);
                }
                s = 1;
            }
            left -= s;
            position += s;
        }
    }

    private void checkChecksum() {
        long stored;
        try {
            stored = number(148, 8, "checksum");
        } catch (TarFormatException e) {
            stored = -1;
        }
        // The signed sum (old tars) is only worked out when the usual unsigned one does not match.
        long unsigned = 8 * ' ' + unsignedSum() - unsignedSum(148, 156);
        if (stored != unsigned && stored != 8 * ' ' + signedSum(0, 148) + signedSum(156, BLOCK)) {
            throw new TarFormatException(headersRead == 0 ? "not a tar archive (bad header checksum)"
                    : "corrupt tar header at byte " + (position - BLOCK) + " (bad checksum)");
        }
    }

    /**
     * The unsigned sum of the whole block, eight bytes at a time (this runs once per entry, often before the JIT's
     * optimising compiler has caught up): each long is split into four 16-bit lanes of byte pairs, which cannot
     * overflow in 64 steps (64 x 2 x 255 < 65536), and the lanes are added up at the end.
     */
    private long unsignedSum() {
        long lanes = 0;
        for (int i = 0; i < BLOCK; i += Long.BYTES) {
            long x = (long) LONGS.get(block, i);
            lanes += (x & 0x00ff00ff00ff00ffL) + ((x >>> 8) & 0x00ff00ff00ff00ffL);
        }
        lanes = (lanes & 0x0000ffff0000ffffL) + ((lanes >>> 16) & 0x0000ffff0000ffffL);
        return (lanes & 0xffffffffL) + (lanes >>> 32);
    }

    private int unsignedSum(int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += block[i] & 0xff;
        }
        return sum;
    }

    private int signedSum(int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += block[i];
        }
        return sum;
    }

    /** An octal (or GNU base-256) number field. */
    private long number(int off, int len, String field) {
        if ((block[off] & 0x80) != 0) {
            if ((block[off] & 0x40) != 0) {
                throw new TarFormatException("negative " + field + " in tar header");
            }
            long v = block[off] & 0x3f;
            for (int i = off + 1; i < off + len; i++) {
                if (v > (Long.MAX_VALUE >>> 8)) {
                    throw new TarFormatException(field + " too large in tar header");
                }
                v = (v << 8) | (block[i] & 0xff);
            }
            return v;
        }
        long v = 0;
        int i = off;
        int end = off + len;
        while (i < end && (block[i] == ' ' || block[i] == 0)) {
            i++;
        }
        for (; i < end; i++) {
            byte b = block[i];
            if (b == ' ' || b == 0) {
                break;
            }
            if (b < '0' || b > '7') {
                throw new TarFormatException(headersRead == 0 ? "not a tar archive (bad " + field + " field)"
                        : "corrupt tar header: bad " + field + " field");
            }
            if (v > (Long.MAX_VALUE >>> 3)) {
                throw new TarFormatException(field + " too large in tar header");
            }
            v = (v << 3) | (b - '0');
        }
        return v;
    }

    private static long padded(long n) {
        return (n + BLOCK - 1) & ~(long) (BLOCK - 1);
    }

    private static int cstrLength(byte[] b, int off, int max) {
        for (int i = 0; i < max; i++) {
            if (b[off + i] == 0) {
                return i;
            }
        }
        return max;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** The PAX keys Whittle uses. */
    private static final class Pax {
        byte[] path;
        byte[] linkpath;
        long size = -1;
        long uid = -1;
        long gid = -1;
        long mtime = Long.MIN_VALUE;
        /** GNU.sparse.size (0.0, 0.1) or GNU.sparse.realsize (1.0): a sparse file's apparent size, else -1. */
        long sparseSize = -1;
        byte[] sparseName;

        static Pax parse(byte[] data) {
            Pax pax = new Pax();
            int i = 0;
            while (i < data.length) {
                int space = i;
                long len = 0;
                while (space < data.length && data[space] != ' ') {
                    byte b = data[space];
                    if (b < '0' || b > '9' || len > data.length) {
                        throw new TarFormatException("malformed PAX header");
                    }
                    len = len * 10 + (b - '0');
                    space++;
                }
                if (space >= data.length || len <= space - i || i + len > data.length || data[(int) (i + len - 1)] != '\n') {
                    throw new TarFormatException("malformed PAX header");
                }
                int end = (int) (i + len - 1);
                int eq = space + 1;
                while (eq < end && data[eq] != '=') {
                    eq++;
                }
                if (eq >= end) {
                    throw new TarFormatException("malformed PAX record");
                }
                String key = new String(data, space + 1, eq - space - 1, StandardCharsets.UTF_8);
                byte[] value = Arrays.copyOfRange(data, eq + 1, end);
                pax.set(key, value);
                i += (int) len;
            }
            return pax;
        }

        private void set(String key, byte[] value) {
            switch (key) {
                case "path" -> path = value;
                case "linkpath" -> linkpath = value;
                case "size" -> size = decimal(key, value);
                case "uid" -> uid = decimal(key, value);
                case "gid" -> gid = decimal(key, value);
                case "mtime" -> {
                    String text = new String(value, StandardCharsets.US_ASCII);
                    int dot = text.indexOf('.');
                    mtime = decimal(key, (dot < 0 ? text : text.substring(0, dot)).getBytes(StandardCharsets.US_ASCII));
                }
                case "GNU.sparse.size", "GNU.sparse.realsize" -> sparseSize = decimal(key, value);
                case "GNU.sparse.name" -> sparseName = value;
                default -> {
                    // xattrs, atime, ctime, sparse maps: not needed for sizes or the union.
                }
            }
        }

        private static long decimal(String key, byte[] value) {
            String text = new String(value, StandardCharsets.US_ASCII);
            try {
                long v = Long.parseLong(text);
                if (v < 0 && !key.equals("mtime")) {
                    throw new TarFormatException("negative PAX " + key);
                }
                return v;
            } catch (NumberFormatException e) {
                throw new TarFormatException("malformed PAX " + key + " [" + text + "]");
            }
        }
    }
}
