package dev.whittle.diagnose;

import dev.whittle.fs.CachedCapture;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file contents detectors asked for, read while the layers are indexed (never in a second pass): each file at
 * most {@link #MAX_FILE} bytes, all together at most {@link #MAX_TOTAL}. With hashing on, every regular file of at
 * least {@link #MIN_HASHED} bytes is also hashed (SHA-256) as it streams past. Thread-safe.
 *
 * <p>What it took from a layer is kept in the layer cache ({@link CachedCapture}), so a warm {@code explain} reads
 * no layer: the {@link #signature()} names the detectors, the limits and {@link #RULES_VERSION}.
 */
public final class CapturedFiles implements CachedCapture {
    /**
     * Bump whenever a detector's {@code wantsContent} or what this class keeps changes: results cached under the
     * old rules then read as misses instead of answering with files the new rules would not have picked.
     */
    static final int RULES_VERSION = 2;
    /** Largest file kept. */
    public static final int MAX_FILE = 4 << 20;
    /** Most bytes kept in all. */
    public static final long MAX_TOTAL = 256L << 20;
    /** Smallest file hashed: identical tiny files are not worth a finding. */
    public static final long MIN_HASHED = 1024;

    private final List<Detector> detectors;
    private final boolean hash;
    private final Map<FileKey, byte[]> contents = new ConcurrentHashMap<>();
    private final Map<FileKey, String> hashes = new ConcurrentHashMap<>();
    private final AtomicLong kept = new AtomicLong();
    private volatile boolean capped;

    CapturedFiles(List<Detector> detectors, boolean hash) {
        this.detectors = List.copyOf(detectors);
        this.hash = hash;
    }

    @Override
    public boolean wants(int layer, String path, long size) {
        return (hash && size >= MIN_HASHED) || wantsContent(path, size);
    }

    private boolean wantsContent(String path, long size) {
        if (size > MAX_FILE) {
            return false;
        }
        for (Detector d : detectors) {
            if (d.wantsContent(path, size)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accept(int layer, String path, long size, InputStream content) throws IOException {
        FileKey key = new FileKey(layer, path);
        MessageDigest digest = hash && size >= MIN_HASHED ? sha256() : null;
        if (wantsContent(path, size)) {
            if (kept.addAndGet(size) > MAX_TOTAL) {
                capped = true;
            } else {
                byte[] bytes = content.readNBytes((int) size);
                contents.put(key, bytes);
                if (digest != null) {
                    digest.update(bytes);
                }
            }
        }
        if (digest != null) {
            byte[] buf = new byte[64 << 10];
            for (int n; (n = content.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            hashes.put(key, java.util.HexFormat.of().formatHex(digest.digest()));
        }
    }

    @Override
    public String signature() {
        StringBuilder s = new StringBuilder("captured-files v").append(RULES_VERSION).append(" hash=").append(hash)
                .append(" max-file=").append(MAX_FILE).append(" min-hashed=").append(MIN_HASHED).append(" detectors=");
        for (Detector d : detectors) {
            s.append(d.getClass().getName()).append(',');
        }
        return s.toString();
    }

    @Override
    public void save(int layer, java.io.DataOutputStream out) throws IOException {
        if (capped) {
            throw new IOException("the capture was cut short by its total limit: not what a fresh read gives");
        }
        List<Map.Entry<FileKey, byte[]>> kept = contents.entrySet().stream().filter(e -> e.getKey().layer() == layer)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(FileKey::path))).toList();
        out.writeInt(kept.size());
        for (Map.Entry<FileKey, byte[]> e : kept) {
            writeBytes(out, e.getKey().path().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            writeBytes(out, e.getValue());
        }
        List<Map.Entry<FileKey, String>> hashed = hashes.entrySet().stream().filter(e -> e.getKey().layer() == layer)
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(FileKey::path))).toList();
        out.writeInt(hashed.size());
        for (Map.Entry<FileKey, String> e : hashed) {
            writeBytes(out, e.getKey().path().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.writeUTF(e.getValue());
        }
    }

    @Override
    public void restore(int layer, java.io.DataInputStream in) throws IOException {
        Map<FileKey, byte[]> newContents = new java.util.HashMap<>();
        int n = count(in);
        for (int i = 0; i < n; i++) {
            newContents.put(new FileKey(layer, readPath(in)), readBytes(in, MAX_FILE));
        }
        Map<FileKey, String> newHashes = new java.util.HashMap<>();
        n = count(in);
        for (int i = 0; i < n; i++) {
            newHashes.put(new FileKey(layer, readPath(in)), in.readUTF());
        }
        if (in.read() >= 0) {
            throw new IOException("bytes after the captured files");
        }
        for (Map.Entry<FileKey, byte[]> e : newContents.entrySet()) { // the same accounting as a read
            if (kept.addAndGet(e.getValue().length) > MAX_TOTAL) {
                capped = true;
            } else {
                contents.put(e.getKey(), e.getValue());
            }
        }
        hashes.putAll(newHashes);
    }

    private static void writeBytes(java.io.DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static int count(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 24)) {
            throw new IOException("count " + n + " out of range");
        }
        return n;
    }

    private static String readPath(java.io.DataInputStream in) throws IOException {
        return new String(readBytes(in, 1 << 20), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(java.io.DataInputStream in, int limit) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > limit) {
            throw new IOException("length " + n + " out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** The content of a file a layer ships, when it was captured. */
    Optional<byte[]> content(int layer, String path) {
        return Optional.ofNullable(contents.get(new FileKey(layer, path)));
    }

    /** Every captured file. */
    Map<FileKey, byte[]> contents() {
        return contents;
    }

    /** The SHA-256 (hex) of a file, when hashing was on and the file big enough. */
    Optional<String> hash(int layer, String path) {
        return Optional.ofNullable(hashes.get(new FileKey(layer, path)));
    }

    /** True when hashing was on. */
    boolean hashed() {
        return hash;
    }

    /** True when some wanted file was not kept because the total cap was reached. */
    boolean capped() {
        return capped;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
