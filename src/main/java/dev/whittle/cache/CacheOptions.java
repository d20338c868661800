package dev.whittle.cache;

import java.nio.file.Path;
import java.util.Map;

/**
 * Whether and where the layer cache lives.
 *
 * @param dir      the cache root; null means no cache (every layer is read and verified on every run)
 * @param maxBytes the size cap enforced after a run that stored something (least recently used entries go first)
 */
public record CacheOptions(Path dir, long maxBytes) {
    /** The cap when none is named: large enough for a few big images, small enough never to fill a disk. */
    public static final long DEFAULT_MAX_BYTES = 2_000_000_000L;
    /** No cache. */
    public static final CacheOptions OFF = new CacheOptions(null, DEFAULT_MAX_BYTES);

    public CacheOptions {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("cache size cap must be 0 or more: " + maxBytes);
        }
    }

    /** A cache in {@code dir} with the default cap. */
    public static CacheOptions in(Path dir) {
        return new CacheOptions(dir, DEFAULT_MAX_BYTES);
    }

    /** True when a cache is in use. */
    public boolean enabled() {
        return dir != null;
    }

    /**
     * Where the cache lives when no {@code --cache-dir} is given: {@code $WHITTLE_CACHE_DIR} (for CI), else
     * {@code $XDG_CACHE_HOME/whittle}, else {@code ~/.cache/whittle}.
     */
    public static Path defaultDir(Map<String, String> env, Path home) {
        String explicit = env.get("WHITTLE_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("whittle");
    }
}
