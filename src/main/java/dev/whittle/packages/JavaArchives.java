package dev.whittle.packages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads the Maven coordinates jars carry ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}) from the
 * {@code .jar}, {@code .war} and {@code .ear} files of an image, and from the jars nested one level inside them
 * (Spring Boot's {@code BOOT-INF/lib/}, a war's {@code WEB-INF/lib/}). An archive is read into memory (at most
 * {@link #MAX_ARCHIVE} bytes; larger ones are skipped with a note) and opened through its central directory with
 * commons-compress, so only the few {@code pom.properties} entries are inflated (and only their local headers
 * read), never the classes. Every found
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
        artifacts(bytes, n, path, path, true, out, notes);
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

    private static void artifacts(byte[] bytes, int length, String path, String owner, boolean descend,
                                  List<FoundPackage> out, Notes notes) {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel(bytes);
        channel.truncate(length);
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel)
                .setUseUnicodeExtraFields(false).setIgnoreLocalFileHeader(true).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntries();
            int seen = 0;
            for (ZipArchiveEntry e : Collections.list(entries)) {
                if (++seen > MAX_ENTRIES || out.size() >= MAX_ARTIFACTS) {
                    notes.add(path + ": more than " + MAX_ENTRIES + " entries or " + MAX_ARTIFACTS + " artifacts,"
                            + " the rest not read");
                    return;
                }
                String name = e.getName();
                if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
                    if (e.getSize() > MAX_PROPERTIES) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        FoundPackage p = artifact(in.readNBytes(MAX_PROPERTIES), owner);
                        if (p != null) {
                            out.add(p);
                        }
                    }
                } else if (descend && isArchive(name) && !e.isDirectory() && e.getSize() >= 0
                        && e.getSize() <= MAX_NESTED) {
                    byte[] nested;
                    try (InputStream in = zip.getInputStream(e)) {
                        nested = in.readNBytes((int) MAX_NESTED + 1);
                    }
                    if (nested.length <= MAX_NESTED) {
                        artifacts(nested, nested.length, path + "!/" + name, owner, false, out, notes);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            notes.add(path + ": not a readable zip archive (" + e.getClass().getSimpleName() + "), skipped");
        }
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
