package dev.whittle.cache;

import dev.whittle.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The persistent cache under one root: {@code KIND/ALG/HEX} files, where KIND is {@link #BLOBS} (registry blobs,
 * written by the registry's blob cache), {@link #LAYER_INDEX} (a layer's parsed index, under its diff id),
 * {@link #CAPTURED_FILES}, {@link #VERIFIED_FILES} (a stat key of a local file region mapped to the digests a full
 * read proved, under the SHA-256 of the key's text), {@link #ARCHIVE_FILES} (the same for an archive compressed as
 * a whole, mapped to what its decompressed tar held) or {@link #IMAGE_RESULTS} (a command's result for a whole image,
 * under the SHA-256 of a key naming the image's verified digests, the command's options and Whittle's build).
 *
 * <p>Every write goes to a temp file beside its place and is renamed over it only when complete, so readers see a
 * whole entry or none; two processes writing the same entry write the same content, and the last rename wins. A
 * use refreshes an entry's mtime, which is what least-recently-used pruning orders by. Failures to write (a full
 * disk, a read-only directory) are the caller's to ignore: the cache is an optimisation, never a source of truth.
 */
public final class LayerCache {
    /** Registry blobs, content-addressed by their digest. */
    public static final String BLOBS = "blobs";
    /** Layer indexes, under the layer's diff id. */
    public static final String LAYER_INDEX = "layer-index";
    /** Verified digests of local file regions, under the SHA-256 of their {@link StatKey#text()}. */
    public static final String VERIFIED_FILES = "verified-files";
    /** What a content capture (explain's detectors) kept from a layer, under its diff id and the capture's rules. */
    public static final String CAPTURED_FILES = "captured-files";
    /**
     * What an archive compressed as a whole held (its entries, small documents and verified layer regions), under the
     * SHA-256 of the compressed file's {@link StatKey#text()}: a later run need not decompress it.
     */
    public static final String ARCHIVE_FILES = "archive-files";
    /**
     * A command's result for a whole image (what {@code inspect} measured, what {@code explain} found), under the
     * SHA-256 of its key text ({@link #sealResult}): a warm run of the same command on the same layers skips loading
     * them, building the union view and every computation over it.
     */
    public static final String IMAGE_RESULTS = "image-results";
    /** The kinds, in the order {@code whittle cache} lists them. */
    public static final List<String> KINDS = List.of(LAYER_INDEX, CAPTURED_FILES, VERIFIED_FILES, ARCHIVE_FILES,
            IMAGE_RESULTS, BLOBS);
    /** A temp file this old belongs to a run that crashed or was killed, never to a write in progress. */
    static final Duration STALE = Duration.ofDays(1);
    /** After an automatic prune the cache holds at most this share of its cap, so runs do not prune every time. */
    private static final double PRUNE_TO = 0.8;
    private static final byte[] VERIFIED_MAGIC = {'W', 'H', 'V', 'F'};
    /** Bump when the layout of a verified-files entry changes: older entries are then misses. */
    static final int VERIFIED_VERSION = 1;
    private static final byte[] ARCHIVE_MAGIC = {'W', 'H', 'A', 'F'};
    /** The envelope's version of an archive-files entry; the payload's own layout is versioned by its writer. */
    static final int ARCHIVE_VERSION = 1;

    private static final byte[] RESULT_MAGIC = {'W', 'H', 'I', 'R'};
    /** The envelope's version of an image-results entry; the key text names the payload's own format and build. */
    static final int RESULT_VERSION = 1;

    private final Path root;
    private final long maxBytes;
    private final OutputFilter filter;
    private final Set<Path> swept = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stored = new AtomicBoolean();

    /** Wraps the stream each entry is written through; tests inject a full disk with it. */
    @FunctionalInterface
    public interface OutputFilter {
        /** Writes straight to the file. */
        OutputFilter NONE = out -> out;

        OutputStream wrap(OutputStream out) throws IOException;
    }

    /** Writes an entry's content; may throw to abandon the entry. */
    @FunctionalInterface
    public interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    /** The cache the options name; they must have a directory. */
    public LayerCache(CacheOptions options) {
        this(options.dir(), options.maxBytes(), OutputFilter.NONE);
    }

    /**
     * @param root     the cache directory (created on the first write)
     * @param maxBytes the cap {@link #enforceCap()} keeps
     * @param filter   wraps every entry's output stream
     */
    public LayerCache(Path root, long maxBytes, OutputFilter filter) {
        if (root == null) {
            throw new IllegalArgumentException("no cache directory");
        }
        this.root = root;
        this.maxBytes = maxBytes;
        this.filter = filter;
    }

    /** The cache directory. */
    public Path root() {
        return root;
    }

    /** Where the entry of this kind and key lives, whether or not it is there. */
    public Path path(String kind, Digest key) {
        if (!kind.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("cache kind must be lower-case letters, digits and '-': " + kind);
        }
        return root.resolve(kind).resolve(key.algorithm()).resolve(key.hex());
    }

    /**
     * The entry of this kind and key, if present; marks it used. The caller checks its content (and may delete it
     * when damaged): presence proves nothing about the bytes.
     */
    public Optional<Path> find(String kind, Digest key) {
        Path p = path(kind, key);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        touch(p);
        return Optional.of(p);
    }

    /** Stores an entry: {@code writer} fills a temp file that is renamed into place only if it returns normally. */
    public Path store(String kind, Digest key, EntryWriter writer) throws IOException {
        Path target = path(kind, key);
        Files.createDirectories(target.getParent());
        sweepStale(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), key.hex().substring(0, 12) + ".", ".partial");
        boolean done = false;
        try {
            try (OutputStream out = filter.wrap(Files.newOutputStream(tmp))) {
                writer.write(out);
            }
            AtomicFiles.moveIntoPlace(tmp, target);
            done = true;
            stored.set(true);
            return target;
        } finally {
            if (!done) {
                AtomicFiles.deleteQuietly(tmp);
            }
        }
    }

    /**
     * The digests a full read of the file region with this key proved last time; empty when the key is unknown
     * (the file changed, or was never read whole) or the entry is damaged, older or foreign.
     */
    public Optional<VerifiedDigests> recall(StatKey key) {
        Optional<Path> entry = find(VERIFIED_FILES, nameOf(key));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return decodeVerified(Files.readAllBytes(entry.get()), key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remembers what a full read of the region with this key proved; best effort (a failed write is a miss later). */
    public void remember(StatKey key, VerifiedDigests digests) {
        byte[] bytes = encodeVerified(key, digests);
        try {
            store(VERIFIED_FILES, nameOf(key), out -> out.write(bytes));
        } catch (IOException | UncheckedIOException e) {
            // the next run reads and verifies the file again, nothing worse
        }
    }

    /**
     * What a complete read of the archive file with this key (the whole compressed file) recorded last time: the
     * payload {@link #rememberArchive} stored; empty when the file changed since or the entry is damaged, older or
     * foreign.
     */
    public Optional<byte[]> recallArchive(StatKey key) {
        Optional<Path> entry = find(ARCHIVE_FILES, nameOf(key));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return unseal(Files.readAllBytes(entry.get()), ARCHIVE_MAGIC, ARCHIVE_VERSION, key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Remembers what reading the archive file with this key taught; best effort. */
    public void rememberArchive(StatKey key, byte[] payload) {
        byte[] bytes = seal(ARCHIVE_MAGIC, ARCHIVE_VERSION, key, payload);
        try {
            store(ARCHIVE_FILES, nameOf(key), out -> out.write(bytes));
        } catch (IOException | UncheckedIOException e) {
            // the next run decompresses the archive again, nothing worse
        }
    }

    /** The name an image-results entry with this key text is stored under. */
    public static Digest resultName(String keyText) {
        return Digest.sha256(keyText.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An image-results entry: {@code WHIR}, version, length, the key text and the payload, the CRC-32 of all before
     * it. The key text is inside, so an entry found under a colliding name or copied under another is a miss.
     */
    public static byte[] sealResult(String keyText, byte[] payload) {
        return seal(RESULT_MAGIC, RESULT_VERSION, keyText, payload);
    }

    /** The payload of an intact image-results entry {@link #sealResult} wrote for this key text; else empty. */
    public static Optional<byte[]> unsealResult(byte[] bytes, String keyText) {
        try {
            return unseal(bytes, RESULT_MAGIC, RESULT_VERSION, keyText);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Digest nameOf(StatKey key) {
        return Digest.sha256(key.text().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code WHVF}, version, payload length, payload (key text, blob digest, diff id), CRC-32 of all before it. */
    static byte[] encodeVerified(StatKey key, VerifiedDigests digests) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(payload);
            p.writeUTF(digests.blob().toString());
            p.writeUTF(digests.diffId().toString());
            return seal(VERIFIED_MAGIC, VERIFIED_VERSION, key, payload.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    static Optional<VerifiedDigests> decodeVerified(byte[] bytes, StatKey expected) throws IOException {
        Optional<byte[]> payload = unseal(bytes, VERIFIED_MAGIC, VERIFIED_VERSION, expected);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(payload.get()));
        return Optional.of(new VerifiedDigests(Digest.parse(p.readUTF()), Digest.parse(p.readUTF())));
    }

    /**
     * An entry keyed by a stat key: magic, version, length, then the key's text and the payload, then the CRC-32 of
     * all before it. The key text is stored so a hash collision of names, or an entry copied under another name,
     * is a miss.
     */
    static byte[] seal(byte[] magic, int version, StatKey key, byte[] payload) {
        return seal(magic, version, key.text(), payload);
    }

    private static byte[] seal(byte[] magic, int version, String keyText, byte[] payload) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(body);
            writeKey(p, keyText);
            p.write(payload);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(all);
            d.write(magic);
            d.writeInt(version);
            d.writeInt(body.size());
            body.writeTo(d);
            CRC32 crc = new CRC32();
            crc.update(all.toByteArray());
            d.writeLong(crc.getValue());
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** The payload of an intact entry {@link #seal} wrote for {@code expected}; empty for anything else. */
    static Optional<byte[]> unseal(byte[] bytes, byte[] magic, int version, StatKey expected) throws IOException {
        return unseal(bytes, magic, version, expected.text());
    }

    private static Optional<byte[]> unseal(byte[] bytes, byte[] magic, int version, String expected)
            throws IOException {
        if (bytes.length < 20 || !Arrays.equals(bytes, 0, 4, magic, 0, 4)) {
            return Optional.empty();
        }
        DataInputStream d = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 4, bytes.length - 4));
        if (d.readInt() != version) {
            return Optional.empty();
        }
        int length = d.readInt();
        if (length < 0 || 12 + length + 8 != bytes.length) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 12 + length);
        d.skipNBytes(length);
        if (d.readLong() != crc.getValue()) {
            return Optional.empty();
        }
        DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(bytes, 12, length));
        if (!readKey(p).equals(expected)) {
            return Optional.empty();
        }
        return Optional.of(p.readAllBytes());
    }

    /** A key's text: {@code writeUTF} when it fits (as every stat key does), else a marker, its length and UTF-8. */
    private static void writeKey(DataOutputStream p, String keyText) throws IOException {
        byte[] utf8 = keyText.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 0xffff && keyText.indexOf('\0') < 0) {
            p.writeUTF(keyText);
        } else {
            p.writeShort(0xffff);
            p.writeInt(utf8.length);
            p.write(utf8);
        }
    }

    private static String readKey(DataInputStream p) throws IOException {
        p.mark(2);
        if (p.readUnsignedShort() != 0xffff) {
            p.reset();
            return p.readUTF();
        }
        int n = p.readInt();
        if (n < 0 || n > p.available()) {
            throw new IOException("key longer than its entry");
        }
        return new String(p.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** Everything the cache holds now. Entries removed while it looks are left out. */
    public CacheUsage usage() {
        List<CacheEntry> entries = new ArrayList<>();
        for (String kind : KINDS) {
            Path dir = root.resolve(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir, 2)) {
                files.forEach(p -> {
                    if (p.getNameCount() - dir.getNameCount() != 2 || p.getFileName().toString().endsWith(".partial")) {
                        return;
                    }
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                        if (a.isRegularFile()) {
                            entries.add(new CacheEntry(kind, p.getParent().getFileName() + ":" + p.getFileName(),
                                    a.size(), a.lastModifiedTime().toInstant()));
                        }
                    } catch (IOException ignored) {
                        // pruned or replaced by another run meanwhile
                    }
                });
            } catch (IOException | UncheckedIOException ignored) {
                // a directory removed while walking: what was seen is the answer
            }
        }
        entries.sort(Comparator.comparing(CacheEntry::lastUsed).reversed().thenComparing(CacheEntry::kind)
                .thenComparing(CacheEntry::key));
        List<CacheUsage.Kind> kinds = new ArrayList<>();
        long total = 0;
        for (String kind : KINDS) {
            int n = 0;
            long bytes = 0;
            for (CacheEntry e : entries) {
                if (e.kind().equals(kind)) {
                    n++;
                    bytes += e.bytes();
                }
            }
            kinds.add(new CacheUsage.Kind(kind, n, bytes));
            total += bytes;
        }
        return new CacheUsage(root, total, kinds, entries);
    }

    /**
     * Removes entries, least recently used first, until the cache holds at most {@code limit} bytes; also deletes
     * temp files that runs which crashed or were killed left behind.
     *
     * @return the entries removed
     */
    public List<CacheEntry> prune(long limit) {
        CacheUsage usage = usage();
        List<CacheEntry> oldestFirst = new ArrayList<>(usage.entries());
        java.util.Collections.reverse(oldestFirst);
        long total = usage.bytes();
        List<CacheEntry> removed = new ArrayList<>();
        for (CacheEntry e : oldestFirst) {
            if (total <= limit) {
                break;
            }
            int colon = e.key().indexOf(':');
            Path p = root.resolve(e.kind()).resolve(e.key().substring(0, colon)).resolve(e.key().substring(colon + 1));
            try {
                Files.deleteIfExists(p);
                removed.add(e);
                total -= e.bytes();
            } catch (IOException ignored) {
                // read-only or gone: the next prune tries again
            }
        }
        for (String kind : KINDS) {
            sweepTree(root.resolve(kind));
        }
        return removed;
    }

    /** Notes an entry written beside this class (a registry blob), so {@link #enforceCap()} looks at the size. */
    public void wrote() {
        stored.set(true);
    }

    /**
     * Keeps the cap: when this instance stored something and the cache is now larger than its cap, prunes it to a
     * little under the cap. Best effort.
     */
    public void enforceCap() {
        if (!stored.get()) {
            return;
        }
        try {
            if (usage().bytes() > maxBytes) {
                prune((long) (maxBytes * PRUNE_TO));
            }
        } catch (RuntimeException ignored) {
            // housekeeping never fails a run
        }
    }

    /** Marks an entry used now, so pruning keeps it longest. */
    public static void touch(Path p) {
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException | SecurityException ignored) {
            // a read-only cache still serves hits; its order just goes stale
        }
    }

    private void sweepStale(Path dir) {
        if (swept.add(dir)) {
            sweepDirectory(dir);
        }
    }

    private static void sweepTree(Path kindDir) {
        if (!Files.isDirectory(kindDir)) {
            return;
        }
        try (DirectoryStream<Path> algs = Files.newDirectoryStream(kindDir)) {
            for (Path alg : algs) {
                if (Files.isDirectory(alg)) {
                    sweepDirectory(alg);
                }
            }
        } catch (IOException ignored) {
            // housekeeping
        }
    }

    /** Deletes temp files older than {@link #STALE}: a write in progress is never that old. */
    private static void sweepDirectory(Path dir) {
        Instant cutoff = Instant.now().minus(STALE);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*.partial")) {
            for (Path p : temps) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (NoSuchFileException ignored) {
                    // renamed into place or removed by its writer meanwhile
                } catch (IOException ignored) {
                    // housekeeping
                }
            }
        } catch (IOException ignored) {
            // housekeeping: the write itself decides success
        }
    }
}
