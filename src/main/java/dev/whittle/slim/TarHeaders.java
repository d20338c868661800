package dev.whittle.slim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncoding;

/**
 * The common case of tar headers without commons-compress's stream machinery, byte for byte as its streams give
 * them: a lone ustar header parsed straight into an entry, and an entry that needs no PAX records (short ASCII names,
 * numbers that fit, whole-second time, no other times, no extra records) encoded straight into one record, as
 * {@code TarArchiveOutputStream.putArchiveEntry} would encode it. Its name encoding goes through a
 * {@code CharsetEncoder} loop that costs more than the rest of slim's work per entry; {@link #UTF_8} gives the same
 * bytes for every name a tar decodes to (malformed input already decoded to U+FFFD).
 */
final class TarHeaders {
    static final int RECORD = 512;
    private static final int CHECKSUM = 148;
    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final int LINK = 157;
    private static final int MAGIC = 257;
    private static final int UNAME = 265;
    private static final int GNAME = 297;
    private static final int DEV_MAJOR = 329;
    private static final int DEV_MINOR = 337;
    private static final int PREFIX = 345;
    private static final int POSIX = 1;
    private static final int GNU = 2;
    private static final byte[] POSIX_MAGIC = ("ustar\0" + "00").getBytes(StandardCharsets.US_ASCII);
    /**
     * True where {@code TarArchiveEntry.setName} keeps a name without a leading {@code /} as it is: it drops drive
     * letters on Windows and volumes on NetWare, which {@link #rename} leaves to it.
     */
    private static final boolean NAMES_KEPT = namesKept(System.getProperty("os.name"));
    private static final byte[] GNU_MAGIC = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
    /** A device number field of 0 as commons-compress formats it. */
    private static final byte[] ZERO_DEVICE = "0000000 ".getBytes(StandardCharsets.US_ASCII);

    /** UTF-8 through {@link String#getBytes}: the bytes commons-compress's NIO encoding gives, faster. */
    static final ZipEncoding UTF_8 = new ZipEncoding() {
        @Override
        public boolean canEncode(String name) {
            return true;
        }

        @Override
        public ByteBuffer encode(String name) {
            return ByteBuffer.wrap(name.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String decode(byte[] data) {
            return new String(data, StandardCharsets.UTF_8);
        }
    };

    /** The tar writer's encoding field, or null when this commons-compress has none by that name. */
    private static final java.lang.reflect.Field WRITER_ENCODING = writerEncoding();

    private TarHeaders() {
    }

    private static java.lang.reflect.Field writerEncoding() {
        try {
            java.lang.reflect.Field f = org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.class
                    .getDeclaredField("zipEncoding");
            f.setAccessible(true);
            return f.getType() == ZipEncoding.class ? f : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Makes a UTF-8 tar writer encode names with {@link #UTF_8} (same bytes). Its own encoder fits a long name into
     * the 100-byte header field by encoding it again one character shorter each time, which made the long names of
     * a big image (5,500 of 232,000 entries) cost more than all the others. The writer cannot be given an encoding,
     * so the field is set; where that fails the writer keeps its own, which is slower only.
     */
    static void useFastEncoding(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar) {
        if (WRITER_ENCODING != null) {
            try {
                WRITER_ENCODING.set(tar, UTF_8);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // keep the writer's own encoding
            }
        }
    }

    /**
     * True when {@code record} is an entry's only header (no PAX, GNU long-name or sparse records before or after
     * it), so {@link #parse} reads it as a tar stream would.
     */
    static boolean lone(byte[] record) {
        byte flag = record[156];
        return flag == 0 || (flag >= '0' && flag <= '7');
    }

    /** The entry a lone header describes. */
    static TarArchiveEntry parse(byte[] record) throws IOException {
        return new TarArchiveEntry(record, UTF_8, false);
    }

    /**
     * True when a tar writer set up as slim's ({@code LONGFILE_POSIX}, {@code BIGNUMBER_POSIX}, PAX for non-ASCII
     * names) writes {@code e} as one header record, with no PAX records before it.
     */
    static boolean fitsOneRecord(TarArchiveEntry e) {
        if (!shortAscii(e.getName()) || !e.getExtraPaxHeaders().isEmpty() || e.isGlobalPaxHeader()) {
            return false;
        }
        String link = e.getLinkName();
        if (link != null && !link.isEmpty() && !shortAscii(link)) {
            return false;
        }
        FileTime mtime = e.getLastModifiedTime();
        if (mtime == null || e.getLastAccessTime() != null || e.getStatusChangeTime() != null
                || e.getCreationTime() != null) {
            return false;
        }
        java.time.Instant t = mtime.toInstant();
        return t.getNano() == 0 && fits(t.getEpochSecond(), TarConstants.MAXSIZE)
                && fits(e.getSize(), TarConstants.MAXSIZE) && fits(e.getLongUserId(), TarConstants.MAXID)
                && fits(e.getLongGroupId(), TarConstants.MAXID) && fits(e.getDevMajor(), TarConstants.MAXID)
                && fits(e.getDevMinor(), TarConstants.MAXID) && fits(e.getMode(), TarConstants.MAXID);
    }

    /**
     * The name commons-compress's parse of a lone header gives ({@link #parse}, {@code getName()}), for the header
     * formats {@link #rename} handles: POSIX ustar (magic {@code ustar\0}, version {@code 00}, its prefix field joined
     * in front, a directory's name ending in {@code /}) and old GNU ({@code ustar  \0}, nothing after its group
     * fields: no access or change time, no sparse map); null for any other (then parse the header).
     */
    static String loneName(byte[] record) throws IOException {
        int format = format(record);
        if (format == 0 || record[0] == 0) {
            return null;
        }
        String name = TarUtils.parseName(record, 0, TarConstants.NAMELEN, UTF_8);
        if (format == POSIX) {
            if (record[156] == TarConstants.LF_DIR && !name.endsWith("/")) {
                name = name + "/";
            }
            String prefix = TarUtils.parseName(record, PREFIX, TarConstants.PREFIXLEN, UTF_8);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
        }
        return name;
    }

    /**
     * Writes into {@code out} the record slim's tar writer gives for the lone header {@code in} under a new name,
     * straight from the bytes: what {@link #parse}, then {@code setName} (a directory's name with a trailing
     * {@code /}; for a hard link also {@code setLinkName} and a size of 0), then {@link #encode} give, without an
     * entry object, a name decoded and encoded again, or a checksum verified. Every field is copied or formatted as
     * commons-compress formats it ({@code TarHeadersTest} checks the bytes against it); text must be ASCII and every
     * number as {@link #fitsOneRecord} wants it, else this declines and the caller takes the entry's way.
     *
     * @param in        a lone header whose {@link #loneName} is {@code name} (not null)
     * @param target    the entry's new name, no leading {@code /}
     * @param hardLink  for a hard link, the path it now links to (no leading {@code /}); else null
     * @param out       the record written (its bytes are undefined when this declines)
     * @return the content bytes that follow the header (0 for a directory or a hard link), or -1 to decline
     */
    static long rename(byte[] in, String name, String target, String hardLink, byte[] out) {
        boolean dir = hardLink == null && (in[156] == TarConstants.LF_DIR || name.endsWith("/"));
        String newName = dir ? target + "/" : target;
        int linkLength = hardLink != null ? hardLink.length() : asciiLength(in, LINK, TarConstants.NAMELEN);
        int uname = asciiLength(in, UNAME, TarConstants.UNAMELEN);
        int gname = asciiLength(in, GNAME, TarConstants.GNAMELEN);
        if (!NAMES_KEPT || newName.startsWith("/") || !shortAscii(newName) || linkLength < 0 || linkLength >= TarConstants.NAMELEN || uname < 0 || gname < 0
                || (hardLink != null && !shortAscii(hardLink))) {
            return -1;
        }
        java.util.Arrays.fill(out, 0, RECORD, (byte) 0);
        long mode = number(in, 100, TarConstants.MODELEN, TarConstants.MAXID, out);
        long uid = number(in, 108, TarConstants.UIDLEN, TarConstants.MAXID, out);
        long gid = number(in, 116, TarConstants.GIDLEN, TarConstants.MAXID, out);
        long mtime = number(in, 136, TarConstants.MODTIMELEN, TarConstants.MAXSIZE, out);
        long size;
        if (hardLink == null) {
            size = number(in, 124, TarConstants.SIZELEN, TarConstants.MAXSIZE, out);
        } else {
            // a hard link's size becomes 0, whatever it was, as long as it parses
            size = parses(in, 124, TarConstants.SIZELEN) ? 0 : -1;
            TarUtils.formatLongOctalOrBinaryBytes(0, out, 124, TarConstants.SIZELEN);
        }
        long major = 0;
        long minor = 0;
        if (in[156] == TarConstants.LF_CHR || in[156] == TarConstants.LF_BLK) {
            major = number(in, DEV_MAJOR, TarConstants.DEVLEN, TarConstants.MAXID, out);
            minor = number(in, DEV_MINOR, TarConstants.DEVLEN, TarConstants.MAXID, out);
        } else {
            System.arraycopy(ZERO_DEVICE, 0, out, DEV_MAJOR, TarConstants.DEVLEN);
            System.arraycopy(ZERO_DEVICE, 0, out, DEV_MINOR, TarConstants.DEVLEN);
        }
        if (mode < 0 || uid < 0 || gid < 0 || mtime < 0 || size < 0 || major < 0 || minor < 0) {
            return -1; // malformed or too large: the entry's way reports or encodes it as it always did
        }
        ascii(newName, out, 0);
        java.util.Arrays.fill(out, CHECKSUM, CHECKSUM + TarConstants.CHKSUMLEN, (byte) ' ');
        out[156] = in[156];
        if (hardLink != null) {
            ascii(hardLink, out, LINK);
        } else {
            System.arraycopy(in, LINK, out, LINK, linkLength);
        }
        System.arraycopy(in, MAGIC, out, MAGIC, TarConstants.MAGICLEN + TarConstants.VERSIONLEN);
        System.arraycopy(in, UNAME, out, UNAME, uname);
        System.arraycopy(in, GNAME, out, GNAME, gname);
        TarUtils.formatCheckSumOctalBytes(unsignedSum(out), out, CHECKSUM, TarConstants.CHKSUMLEN);
        // as the entry would say: a directory by its type or by its new name's slash has no content after it
        return in[156] == TarConstants.LF_DIR || newName.endsWith("/") ? 0 : size;
    }

    /**
     * {@code TarUtils.computeCheckSum}: the unsigned sum of the record's 512 bytes, here eight bytes at a time (this
     * runs once per entry on the quick compiler, where the byte loop cost 0.16 s of the benchmark's 211,000 entries):
     * each long is split into four 16-bit lanes of byte pairs, which cannot overflow in 64 steps
     * (64 x 2 x 255 < 65536), added up at the end, as {@code fs.TarHeaderReader} checks sums.
     */
    static long unsignedSum(byte[] record) {
        long lanes = 0;
        for (int i = 0; i < RECORD; i += Long.BYTES) {
            long x = (long) LONGS.get(record, i);
            lanes += (x & 0x00ff00ff00ff00ffL) + ((x >>> 8) & 0x00ff00ff00ff00ffL);
        }
        lanes = (lanes & 0x0000ffff0000ffffL) + ((lanes >>> 16) & 0x0000ffff0000ffffL);
        return (lanes & 0xffffffffL) + (lanes >>> 32);
    }

    /**
     * The number field {@code in[off, off + length)} written into {@code out} as commons-compress formats its value,
     * and that value; -1 when it is malformed or above {@code max}. The common field, {@code length - 1} octal digits
     * then a NUL (Python's tarfile, Go's archive/tar, GNU tar) or a space (commons-compress), is copied with a space
     * at its end: those are the bytes {@code formatLongOctalOrBinaryBytes} gives for it, and they always fit
     * {@code max} ({@link TarConstants#MAXID} for 8 bytes, {@link TarConstants#MAXSIZE} for 12). Any other way of
     * writing it is parsed and formatted again.
     */
    private static long number(byte[] in, int off, int length, long max, byte[] out) {
        long value = octalField(in, off, length, out);
        if (value >= 0) {
            return value;
        }
        try {
            value = TarUtils.parseOctalOrBinary(in, off, length);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (!fits(value, max)) {
            return -1;
        }
        TarUtils.formatLongOctalOrBinaryBytes(value, out, off, length);
        return value;
    }

    /**
     * When {@code in[off, off + length)} is {@code length - 1} octal digits then a NUL or a space, writes those
     * digits and a space at the same place in {@code out} (commons-compress's bytes for that value) and returns the
     * value (with {@code out} null, only the value); else -1, {@code out} untouched. A byte check, no parse or
     * format.
     */
    static long octalField(byte[] in, int off, int length, byte[] out) {
        int end = off + length - 1;
        byte last = in[end];
        if (last != 0 && last != ' ') {
            return -1;
        }
        long value = 0;
        for (int i = off; i < end; i++) {
            int digit = in[i] - '0';
            if ((digit & ~7) != 0) {
                return -1;
            }
            value = value << 3 | digit;
        }
        if (out != null) {
            System.arraycopy(in, off, out, off, length - 1);
            out[end] = ' ';
        }
        return value;
    }

    private static boolean parses(byte[] in, int off, int length) {
        if (octalField(in, off, length, null) >= 0) {
            return true;
        }
        try {
            TarUtils.parseOctalOrBinary(in, off, length);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean namesKept(String os) {
        String name = os == null ? "" : os.toLowerCase(java.util.Locale.ROOT);
        return !name.startsWith("windows") && !name.contains("netware");
    }

    /** {@link #POSIX}, {@link #GNU}, or 0 for a header {@link #rename} leaves to commons-compress. */
    private static int format(byte[] r) {
        if (java.util.Arrays.equals(r, MAGIC, MAGIC + 8, POSIX_MAGIC, 0, 8)) {
            return zero(r, 500, RECORD) ? POSIX : 0; // zero padding: not star's format ("tar" at byte 508)
        }
        if (java.util.Arrays.equals(r, MAGIC, MAGIC + 8, GNU_MAGIC, 0, 8)) {
            return zero(r, PREFIX, RECORD) ? GNU : 0;
        }
        return 0;
    }

    private static boolean zero(byte[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            if (r[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The length of the text field at {@code off} up to its first NUL, or -1 when it is not ASCII. */
    private static int asciiLength(byte[] r, int off, int length) {
        int n = 0;
        while (n < length && r[off + n] != 0) {
            if (r[off + n] < 0) {
                return -1;
            }
            n++;
        }
        return n;
    }

    private static void ascii(String s, byte[] out, int off) {
        for (int i = 0; i < s.length(); i++) {
            out[off + i] = (byte) s.charAt(i);
        }
    }

    /** Encodes an entry that {@link #fitsOneRecord} into {@code record}. */
    static void encode(TarArchiveEntry e, byte[] record) throws IOException {
        e.writeEntryHeader(record, UTF_8, false);
    }

    private static boolean fits(long value, long max) {
        return value >= 0 && value <= max;
    }

    private static boolean shortAscii(String s) {
        if (s.length() >= TarConstants.NAMELEN) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
