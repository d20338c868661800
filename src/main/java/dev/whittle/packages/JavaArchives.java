package dev.whittle.packages;

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
 * (Spring Boot's {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/}). An archive is read into memory (at most
 * {@link #MAX_ARCHIVE} bytes; larger ones are skipped with a note) and its central directory read in place (zip64
 * included): names are matched as bytes, only the few {@code pom.properties} entries are inflated (with
 * {@link Inflater}) and only their local headers read, never the classes. This is all a jar's coordinates need; a
 * general zip reader (commons-compress's {@code ZipFile}) made an object, a name string and a date for every entry of
 * every jar, which cost more than the rest of the jar's reading. Every found
 * artifact owns the archive file it was found in (so the packages of a fat jar share its bytes).
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

    /** The artifacts of one archive (its own and its nested archives'), each owning {@code path}. */
    static List<FoundPackage> read(InputStream content, long size, String path, Notes notes) throws IOException {
        if (size > MAX_ARCHIVE) {
            notes.add(size + " bytes is larger than the " + (MAX_ARCHIVE >> 20) + " MiB read for a Java archive,"
                    + " skipped");
            return List.of();
        }
        byte[] bytes = buffer((int) size);
        int n = content.readNBytes(bytes, 0, (int) size);
        List<FoundPackage> out = new ArrayList<>();
        artifacts(bytes, 0, n, path, path, true, out, notes);
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
     * The artifacts of the archive at {@code bytes[base, base + length)}, read from its central directory: entry names
     * are matched as bytes, and only the {@code pom.properties} entries and nested archives are opened (a stored
     * nested archive is read where it lies, never copied).
     */
    private static void artifacts(byte[] bytes, int base, int length, String path, String owner, boolean descend,
                                  List<FoundPackage> out, Notes notes) {
        try {
            int end = base + length;
            int eocd = -1;
            for (int i = end - 22; i >= Math.max(base, end - 22 - 0xFFFF); i--) {
                if (bytes[i] == 0x50 && u32(bytes, i) == END_OF_DIRECTORY) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                throw new ZipException("Archive is not a ZIP archive");
            }
            long count = u16(bytes, eocd + 10);
            long offset = u32(bytes, eocd + 16);
            if ((count == 0xFFFF || offset == 0xFFFFFFFFL) && eocd - 20 >= base
                    && u32(bytes, eocd - 20) == ZIP64_LOCATOR) {
                long z = base + u64(bytes, eocd - 20 + 8);
                if (z < base || z + 56 > eocd || u32(bytes, (int) z) != ZIP64_END) {
                    throw new ZipException("broken zip64 end of central directory");
                }
                count = u64(bytes, (int) z + 32);
                offset = u64(bytes, (int) z + 48);
            }
            if (offset < 0 || offset > length) {
                throw new ZipException("central directory offset out of range");
            }
            int p = base + (int) offset;
            DirectoryEntry entry = new DirectoryEntry();
            for (long seen = 0; seen < count; seen++) {
                if (seen >= MAX_ENTRIES || out.size() >= MAX_ARTIFACTS) {
                    notes.add(path + ": more than " + MAX_ENTRIES + " entries or " + MAX_ARTIFACTS + " artifacts,"
                            + " the rest not read");
                    return;
                }
                p = entry.read(bytes, p, end, descend);
                if (!entry.wanted) {
                    continue;
                }
                int flags = entry.flags;
                int method = entry.method;
                long compressed = entry.compressed;
                long size = entry.size;
                long local = entry.local;
                int name = entry.name;
                int nameLength = entry.nameLength;
                boolean properties = entry.properties;
                if ((flags & 1) != 0) {
                    throw new ZipException("encrypted entry");
                }
                int data = dataStart(bytes, base, end, local);
                if (compressed > end - data) {
                    throw new ZipException("entry data out of range");
                }
                if (properties) {
                    FoundPackage a = artifact(content(bytes, data, (int) compressed, method, MAX_PROPERTIES), owner);
                    if (a != null) {
                        out.add(a);
                    }
                } else if (method == 0) {
                    artifacts(bytes, data, (int) Math.min(compressed, size), path + "!/" + decode(bytes, name,
                            nameLength), owner, false, out, notes);
                } else {
                    byte[] nested = content(bytes, data, (int) compressed, method, (int) MAX_NESTED + 1);
                    if (nested.length <= MAX_NESTED) {
                        artifacts(nested, 0, nested.length, path + "!/" + decode(bytes, name, nameLength), owner,
                                false, out, notes);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            String kind = e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException
                    ? ZipException.class.getSimpleName() : e.getClass().getSimpleName();
            notes.add(path + ": not a readable zip archive (" + kind + "), skipped");
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
                if (size == 0xFFFFFFFFL) {
                    size = u64(b, v);
                    v += 8;
                }
                if (compressed == 0xFFFFFFFFL) {
                    compressed = u64(b, v);
                    v += 8;
                }
                if (local == 0xFFFFFFFFL) {
                    local = u64(b, v);
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

    /** Where an entry's data starts, past its local header. */
    private static int dataStart(byte[] b, int base, int end, long local) throws ZipException {
        if (local < 0 || local > end - base - 30 || u32(b, base + (int) local) != LOCAL_HEADER) {
            throw new ZipException("local file header broken");
        }
        int h = base + (int) local;
        return h + 30 + u16(b, h + 26) + u16(b, h + 28);
    }

    /** At most {@code max} bytes of an entry's content, stored or deflated. */
    private static byte[] content(byte[] b, int data, int compressed, int method, int max) throws IOException {
        if (method == 0) {
            return Arrays.copyOfRange(b, data, data + Math.min(compressed, max));
        }
        if (method != 8) {
            throw new ZipException("compression method " + method + " not supported");
        }
        Inflater inflater = new Inflater(true);
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(b, data, compressed), inflater)) {
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
