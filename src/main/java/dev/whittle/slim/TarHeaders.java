package dev.whittle.slim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
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
