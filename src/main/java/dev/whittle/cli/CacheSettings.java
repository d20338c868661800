package dev.whittle.cli;

import dev.whittle.cache.CacheOptions;
import dev.whittle.image.ByteSize;
import dev.whittle.image.UsageException;
import java.nio.file.Path;
import java.util.Map;

/** Where the layer cache lives and how large it may grow, from the options and the environment. */
final class CacheSettings {
    /** Names the cache's size cap for every run (e.g. {@code 500MB}); the default is 2 GiB. */
    static final String MAX_SIZE_ENV = "WHITTLE_CACHE_MAX_SIZE";

    private CacheSettings() {
    }

    /** The cache the user asked for: {@code --no-cache} turns it off; {@code --cache-dir} beats the environment. */
    static CacheOptions options(Path cacheDir, boolean noCache) {
        return options(cacheDir, noCache, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static CacheOptions options(Path cacheDir, boolean noCache, Map<String, String> env, Path home) {
        if (noCache) {
            return CacheOptions.OFF;
        }
        return new CacheOptions(cacheDir != null ? cacheDir : CacheOptions.defaultDir(env, home), maxBytes(env));
    }

    /** The cap {@code WHITTLE_CACHE_MAX_SIZE} names, else the default. */
    static long maxBytes(Map<String, String> env) {
        String text = env.get(MAX_SIZE_ENV);
        if (text == null || text.isBlank()) {
            return CacheOptions.DEFAULT_MAX_BYTES;
        }
        try {
            return ByteSize.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(MAX_SIZE_ENV + ": " + e.getMessage());
        }
    }
}
