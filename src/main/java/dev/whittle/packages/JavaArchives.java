package dev.whittle.packages;

import dev.whittle.source.PositionalInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads the Maven coordinates jars carry ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}) from the
 * {@code .jar}, {@code .war} and {@code .ear} files of an image, and from the jars nested one level inside them
 * (Spring Boot's {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/}). Only what the coordinates need is read: the
 * central directory at the archive's end (zip64 included), whose names are matched as bytes, then the local header and
 * the data of the few {@code pom.properties} entries (inflated with {@link Inflater}) and the directories of nested
 * archives, never the classes. A general zip reader (commons-compress's {@code ZipFile}) made an object, a name string
 * and a date for every entry of every jar, which cost more than the rest of the jar's reading.
 *
 * <p>Where the content can be read by position ({@link PositionalInput}: an uncompressed layer in a local file, read
 * without its digests checked), those few places are read where they lie, a handful of small reads per archive
 * instead of its every byte; a stored nested archive is read the same way, in place. Otherwise the archive is read
 * into memory (at most {@link #MAX_ARCHIVE} bytes; larger ones are skipped with a note) and the same places are read
 * from there. Every found artifact owns the archive file it was found in (so the packages of a fat jar share its
 * bytes).
 */
final class JavaArchives {
    /** Largest archive read. */
    static final long MAX_ARCHIVE = 128L << 20;
    /** Largest nested archive read. */
    static final long MAX_NESTED = 64L << 20;
    /** Most entries of one archive looked at (a hostile zip with millions of entries is cut here). */
    static final int MAX_ENTRIES = 200_000;
    /** Most artifacts taken from one archive. */
    static final int MAX_ARTIFACTS = 5_000;
    private static final int MAX_PROPERTIES = 64 << 10;
    /** The end of central directory record's size, and the most bytes of comment that may follow it. */
    private static final int END_RECORD = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    /**
     * Bytes read in place beyond the archive's size before it is read whole instead: its end, directory and entries
     * are read once each, but a nested archive's end may also be read where a short one ends near its start.
     */
    private static final long IN_PLACE_SLACK = 256 << 10;
    /** The bytes at an archive's end searched first for its end record (read by position: one small read). */
    private static final int SHORT_TAIL = 4096;
    /**
     * Archives up to this size are read into one buffer per capturing thread, reused: most jars are smaller, and a
     * fresh array for each (hundreds of MB over an image) made the heap, and its page faults, grow for nothing.
     */
    private static final int REUSED_BUFFER = 16 << 20;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 << 10]);

    private JavaArchives() {
    }

    /** True for a Java archive this reader opens. */
    static boolean isArchive(String path) {
        return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
    }

    /**
     * The artifacts of one archive (its own and its nested archives'), each owning {@code path}. An archive that is
     * no readable zip gives a note; only a failure to read {@code content} itself throws.
     */
    static List<FoundPackage> read(InputStream content, long size, String path, Notes notes) throws IOException {
        if (size > MAX_ARCHIVE) {
            notes.add(size + " bytes is larger than the " + (MAX_ARCHIVE >> 20) + " MiB read for a Java archive,"
                    + " skipped");
            return List.of();
        }
        if (content instanceof PositionalInput at) {
            // in place until that would read more than the archive holds (a hostile one can make its nested
            // archives overlap, each read anew): then read whole, as any other content, nothing kept of the try
            List<FoundPackage> found = new ArrayList<>();
            Notes tried = notes.sibling();
            try {
                artifacts(new InPlace(at, 0, size, new long[] {size + IN_PLACE_SLACK}), path, path, true, found,
                        tried);
                notes.addAll(tried);
                return found;
            } catch (ContentUnreadable e) {
                throw e.getCause();
            } catch (OverBudget e) {
                // read whole below: nothing was read of the content in order yet
            }
        }
        List<FoundPackage> out = new ArrayList<>();
        byte[] bytes = buffer((int) size);
        int n = content.readNBytes(bytes, 0, (int) size);
        artifacts(new InMemory(bytes, 0, n), path, path, true, out, notes);
        return out;
    }

    /** An array of at least {@code size} bytes: this thread's reused buffer, or for a large archive its own. */
    private static byte[] buffer(int size) {
        if (size > REUSED_BUFFER) {
            return new byte[size];
        }
        byte[] b = BUFFER.get();
        if (b.length < size) {
            b = new byte[Math.min(REUSED_BUFFER, Math.max(size, b.length * 2))];
            BUFFER.set(b);
        }
        return b;
    }

    /**
     * Bytes {@code [from, from + length)} of an archive, held in {@code bytes} from {@code index}: the archive's byte
     * at position {@code p} is {@code bytes[at(p)]}.
     */
    private record Window(byte[] bytes, int index, long from) {
        int at(long position) {
            return index + (int) (position - from);
        }
    }

    /** An archive's bytes, {@code [0, length)}: a range of an array, or of a content read by position. */
    private abstract static class Archive {
        final long length;

        Archive(long length) {
            this.length = length;
        }

        /** Bytes {@code [from, from + n)}; a range outside the archive is a broken zip. */
        final Window window(long from, long n) throws ZipException {
            if (from < 0 || n < 0 || n > length - from) {
                throw new ZipException("a read of " + n + " bytes at " + from + " is outside the archive");
            }
            return read(from, (int) n);
        }

        abstract Window read(long from, int n);

        /** Bytes {@code [from, from + n)} of this archive as an archive of their own (in bounds). */
        abstract Archive slice(long from, long n);
    }

    /** An archive in memory: windows are the array itself, never copies. */
    private static final class InMemory extends Archive {
        private final byte[] bytes;
        private final int base;

        InMemory(byte[] bytes, int base, long length) {
            super(length);
            this.bytes = bytes;
            this.base = base;
        }

        @Override
        Window read(long from, int n) {
            return new Window(bytes, base + (int) from, from);
        }

        @Override
        Archive slice(long from, long n) {
            return new InMemory(bytes, base + (int) from, n);
        }
    }

    /**
     * An archive read by position where it lies: each window is one read, paid from a budget of bytes shared with the
     * archives nested in it ({@code budget[0]}: what is left), past which it throws {@link OverBudget}.
     */
    private static final class InPlace extends Archive {
        private final PositionalInput content;
        private final long base;
        private final long[] budget;

        InPlace(PositionalInput content, long base, long length, long[] budget) {
            super(length);
            this.content = content;
            this.base = base;
            this.budget = budget;
        }

        @Override
        Window read(long from, int n) {
            budget[0] -= n;
            if (budget[0] < 0) {
                throw new OverBudget();
            }
            byte[] b = new byte[n];
            try {
                content.readFullyAt(base + from, b, 0, n);
            } catch (IOException e) {
                throw new ContentUnreadable(e);
            }
            return new Window(b, 0, from);
        }

        @Override
        Archive slice(long from, long n) {
            return new InPlace(content, base + from, n, budget);
        }
    }

    /**
     * The content itself failed to read (the layer's file, not the archive's bytes): passed through every archive's
     * "not a readable zip" note to the caller, as a failed sequential read would be.
     */
    private static final class ContentUnreadable extends java.io.UncheckedIOException {
        ContentUnreadable(IOException cause) {
            super(cause);
        }
    }

    /** Reading in place would read more than the archive holds: it is read whole instead. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    private static final byte[] MAVEN_PREFIX = "META-INF/maven/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROPERTIES_SUFFIX = "/pom.properties".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] ARCHIVE_SUFFIXES = {
        ".jar".getBytes(StandardCharsets.US_ASCII), ".war".getBytes(StandardCharsets.US_ASCII),
        ".ear".getBytes(StandardCharsets.US_ASCII)};
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int DIRECTORY_ENTRY = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;

    /**
     * The artifacts of an archive, read from its central directory: entry names are matched as bytes, and only the
     * {@code pom.properties} entries and nested archives are opened (a stored nested archive is read where it lies,
     * never copied).
     */
    private static void artifacts(Archive zip, String path, String owner, boolean descend, List<FoundPackage> out,
                                  Notes notes) {
        try {
            long length = zip.length;
            // the end record is searched from the end back over the most a comment can add: first in the last few
            // bytes (most archives have no comment), then, where it was not there, in the whole range
            Window tail = zip.window(length - Math.min(length, SHORT_TAIL), Math.min(length, SHORT_TAIL));
            int eocd = endRecord(tail, length);
            if (eocd < 0 && length > SHORT_TAIL) {
                long most = Math.min(length, END_RECORD + MAX_COMMENT);
                tail = zip.window(length - most, most);
                eocd = endRecord(tail, length);
            }
            if (eocd < 0) {
                throw new ZipException("Archive is not a ZIP archive");
            }
            byte[] t = tail.bytes();
            long eocdAt = tail.from() + (eocd - tail.index());
            long count = u16(t, eocd + 10);
            long offset = u32(t, eocd + 16);
            if ((count == 0xFFFF || offset == 0xFFFFFFFFL) && eocdAt - 20 >= 0) {
                Window locator = eocd - 20 >= tail.index() ? tail : zip.window(eocdAt - 20, 20);
                int l = locator.at(eocdAt - 20);
                if (u32(locator.bytes(), l) == ZIP64_LOCATOR) {
                    long z = u64(locator.bytes(), l + 8);
                    if (z < 0 || z + 56 > eocdAt) {
                        throw new ZipException("broken zip64 end of central directory");
                    }
                    Window end64 = zip.window(z, 56);
                    int e = end64.at(z);
                    if (u32(end64.bytes(), e) != ZIP64_END) {
                        throw new ZipException("broken zip64 end of central directory");
                    }
                    count = u64(end64.bytes(), e + 32);
                    offset = u64(end64.bytes(), e + 48);
                }
            }
            if (offset < 0 || offset > length) {
                throw new ZipException("central directory offset out of range");
            }
            Window directory = offset >= tail.from() ? tail : zip.window(offset, length - offset);
            byte[] d = directory.bytes();
            int p = directory.at(offset);
            int end = directory.at(length);
            DirectoryEntry entry = new DirectoryEntry();
            long nestedBytes = 0; // of this archive's bytes, those its nested archives opened so far lie in
            for (long seen = 0; seen < count; seen++) {
                if (seen >= MAX_ENTRIES || out.size() >= MAX_ARTIFACTS) {
                    notes.add(path + ": more than " + MAX_ENTRIES + " entries or " + MAX_ARTIFACTS + " artifacts,"
                            + " the rest not read");
                    return;
                }
                p = entry.read(d, p, end, descend);
                if (!entry.wanted) {
                    continue;
                }
                if (!entry.properties) {
                    // nested archives that do not overlap lie in at most all of this one's bytes; more means one
                    // listed again and again, each opened anew (a hostile archive's way to make a small file cost
                    // minutes)
                    nestedBytes += entry.compressed;
                    if (nestedBytes > length) {
                        notes.add(path + ": its nested archives overlap (they span more bytes than it holds),"
                                + " the rest not read");
                        return;
                    }
                }
                open(zip, entry, d, path, owner, out, notes);
            }
        } catch (ContentUnreadable | OverBudget e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String kind = e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException
                    ? ZipException.class.getSimpleName() : e.getClass().getSimpleName();
            notes.add(path + ": not a readable zip archive (" + kind + "), skipped");
        }
    }

    /** Where the last end of central directory record in {@code tail} (which ends the archive) starts, or -1. */
    private static int endRecord(Window tail, long length) {
        byte[] t = tail.bytes();
        for (int i = tail.at(length) - END_RECORD; i >= tail.index(); i--) {
            if (t[i] == 0x50 && u32(t, i) == END_OF_DIRECTORY) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Opens an entry {@link DirectoryEntry#wanted}: a {@code pom.properties} gives its artifact, a nested archive
     * its artifacts. {@code directory} holds the entry's name.
     */
    private static void open(Archive zip, DirectoryEntry entry, byte[] directory, String path, String owner,
                             List<FoundPackage> out, Notes notes) throws IOException {
        if ((entry.flags & 1) != 0) {
            throw new ZipException("encrypted entry");
        }
        long data = dataStart(zip, entry.local);
        if (entry.compressed > zip.length - data) {
            throw new ZipException("entry data out of range");
        }
        if (entry.properties) {
            FoundPackage a = artifact(content(zip, data, entry.compressed, entry.method, MAX_PROPERTIES), owner);
            if (a != null) {
                out.add(a);
            }
            return;
        }
        String nestedPath = path + "!/" + decode(directory, entry.name, entry.nameLength);
        if (entry.method == 0) {
            artifacts(zip.slice(data, Math.min(entry.compressed, entry.size)), nestedPath, owner, false, out, notes);
        } else {
            byte[] nested = content(zip, data, entry.compressed, entry.method, (int) MAX_NESTED + 1);
            if (nested.length <= MAX_NESTED) {
                artifacts(new InMemory(nested, 0, nested.length), nestedPath, owner, false, out, notes);
            }
        }
    }

    /**
     * One central directory entry's fields, read in place. A method per entry, not the body of the loop over them:
     * that loop runs once per archive (161 on a large image), so the interpreter would run it for tens of thousands of
     * entries before compiling it, while a method called per entry is compiled after a few hundred.
     */
    private static final class DirectoryEntry {
        int flags;
        int method;
        long compressed;
        long size;
        long local;
        int name;
        int nameLength;
        boolean properties;
        /** A {@code pom.properties} within bounds or a nested archive to descend into: the entries opened. */
        boolean wanted;

        /** Reads the entry at {@code p} (its sizes from zip64 where needed); returns where the next one starts. */
        int read(byte[] bytes, int p, int end, boolean descend) throws ZipException {
            if (p + 46 > end || u32(bytes, p) != DIRECTORY_ENTRY) {
                throw new ZipException("central directory entry broken");
            }
            flags = u16(bytes, p + 8);
            method = u16(bytes, p + 10);
            compressed = u32(bytes, p + 20);
            size = u32(bytes, p + 24);
            nameLength = u16(bytes, p + 28);
            int extraLength = u16(bytes, p + 30);
            int commentLength = u16(bytes, p + 32);
            local = u32(bytes, p + 42);
            name = p + 46;
            int next = name + nameLength + extraLength + commentLength;
            if (next > end) {
                throw new ZipException("central directory entry broken");
            }
            if (size == 0xFFFFFFFFL || compressed == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
                long[] z = zip64(bytes, name + nameLength, extraLength, size, compressed, local);
                size = z[0];
                compressed = z[1];
                local = z[2];
            }
            properties = startsWith(bytes, name, nameLength, MAVEN_PREFIX)
                    && endsWith(bytes, name, nameLength, PROPERTIES_SUFFIX);
            boolean nestedArchive = !properties && descend && isArchive(bytes, name, nameLength) && size <= MAX_NESTED;
            wanted = !(!properties && !nestedArchive || properties && size > MAX_PROPERTIES);
            return next;
        }
    }

    /** Sizes and offset from an entry's zip64 extra field, where the 32-bit fields say to look there. */
    private static long[] zip64(byte[] b, int extra, int extraLength, long size, long compressed, long local)
            throws ZipException {
        for (int q = extra; q + 4 <= extra + extraLength; ) {
            int id = u16(b, q);
            int len = u16(b, q + 2);
            int v = q + 4;
            if (id == 1) {
                int fieldEnd = Math.min(v + len, extra + extraLength); // its values lie in the field, nowhere else
                if (size == 0xFFFFFFFFL) {
                    size = zip64Value(b, v, fieldEnd);
                    v += 8;
                }
                if (compressed == 0xFFFFFFFFL) {
                    compressed = zip64Value(b, v, fieldEnd);
                    v += 8;
                }
                if (local == 0xFFFFFFFFL) {
                    local = zip64Value(b, v, fieldEnd);
                }
                if (size < 0 || compressed < 0 || local < 0) {
                    throw new ZipException("zip64 sizes out of range");
                }
                return new long[] {size, compressed, local};
            }
            q = v + len;
        }
        return new long[] {size, compressed, local};
    }

    /** The 8-byte value at {@code at} of a zip64 extra field ending at {@code fieldEnd}. */
    private static long zip64Value(byte[] b, int at, int fieldEnd) throws ZipException {
        if (at + 8 > fieldEnd) {
            throw new ZipException("zip64 extra field too short");
        }
        return u64(b, at);
    }

    /** Where an entry's data starts in the archive, past its local header. */
    private static long dataStart(Archive zip, long local) throws ZipException {
        if (local < 0 || local > zip.length - 30) {
            throw new ZipException("local file header broken");
        }
        Window header = zip.window(local, 30);
        byte[] b = header.bytes();
        int h = header.at(local);
        if (u32(b, h) != LOCAL_HEADER) {
            throw new ZipException("local file header broken");
        }
        return local + 30 + u16(b, h + 26) + u16(b, h + 28);
    }

    /** At most {@code max} bytes of the content of the entry whose data starts at {@code data}, stored or deflated. */
    private static byte[] content(Archive zip, long data, long compressed, int method, int max) throws IOException {
        if (method == 0) {
            Window w = zip.window(data, Math.min(compressed, max));
            return Arrays.copyOfRange(w.bytes(), w.index(), w.index() + (int) Math.min(compressed, max));
        }
        if (method != 8) {
            throw new ZipException("compression method " + method + " not supported");
        }
        Window w = zip.window(data, compressed);
        Inflater inflater = new Inflater(true);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(w.bytes(), w.index(),
                (int) compressed), inflater)) {
            return in.readNBytes(max);
        } finally {
            inflater.end();
        }
    }

    private static boolean isArchive(byte[] b, int name, int length) {
        for (byte[] suffix : ARCHIVE_SUFFIXES) {
            if (endsWith(b, name, length, suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int at, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(b, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean endsWith(byte[] b, int at, int length, byte[] suffix) {
        return length >= suffix.length
                && Arrays.equals(b, at + length - suffix.length, at + length, suffix, 0, suffix.length);
    }

    private static String decode(byte[] b, int at, int length) {
        return new String(b, at, length, StandardCharsets.UTF_8);
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) | (long) u16(b, i + 2) << 16) & 0xFFFFFFFFL;
    }

    private static long u64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }

    /** The artifact a pom.properties names, or null when it lacks a coordinate. */
    private static FoundPackage artifact(byte[] text, String owner) throws IOException {
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(text));
        String group = blankToNull(p.getProperty("groupId"));
        String artifact = blankToNull(p.getProperty("artifactId"));
        String version = blankToNull(p.getProperty("version"));
        if (group == null || artifact == null || version == null) {
            return null;
        }
        return new FoundPackage(Ecosystem.MAVEN, group + ":" + artifact, version, null, null, List.of(), List.of(),
                List.of(owner), -1, false, null, owner);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
