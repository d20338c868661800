package dev.whittle.diagnose;

import dev.whittle.fs.ContentCapture;
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
 */
public final class CapturedFiles implements ContentCapture {
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
