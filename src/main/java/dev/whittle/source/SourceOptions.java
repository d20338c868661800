package dev.whittle.source;

import dev.whittle.cache.CacheOptions;
import dev.whittle.image.Platform;
import java.nio.file.Path;

/**
 * How to open an image.
 *
 * @param platform         the platform to pick from a multi-platform index; null means the only one, else the host's
 * @param verify           check blob digests, sizes and diff ids while streaming
 * @param maxExpandedBytes decompression-bomb guard: the most bytes one layer may expand to
 * @param registry         options that only registry sources read
 * @param cache            the layer cache every source shares (local archives and layouts, registry blobs);
 *                         {@link CacheOptions#OFF} reads and verifies every layer on every run
 */
public record SourceOptions(Platform platform, boolean verify, long maxExpandedBytes, RegistryOptions registry,
                            CacheOptions cache) {
    /** 64 GiB: generous for real layers, finite for bombs. */
    public static final long DEFAULT_MAX_EXPANDED = 64L << 30;

    public SourceOptions {
        cache = cache == null ? CacheOptions.OFF : cache;
    }

    /** Options without the shared layer cache (registry sources still keep their blob cache as they are told). */
    public SourceOptions(Platform platform, boolean verify, long maxExpandedBytes, RegistryOptions registry) {
        this(platform, verify, maxExpandedBytes, registry, CacheOptions.OFF);
    }

    public static SourceOptions defaults() {
        return new SourceOptions(null, true, DEFAULT_MAX_EXPANDED, RegistryOptions.defaults());
    }

    public SourceOptions withPlatform(Platform p) {
        return new SourceOptions(p, verify, maxExpandedBytes, registry, cache);
    }

    public SourceOptions withVerify(boolean v) {
        return new SourceOptions(platform, v, maxExpandedBytes, registry, cache);
    }

    public SourceOptions withMaxExpandedBytes(long max) {
        return new SourceOptions(platform, verify, max, registry, cache);
    }

    public SourceOptions withRegistry(RegistryOptions r) {
        return new SourceOptions(platform, verify, maxExpandedBytes, r, cache);
    }

    public SourceOptions withCache(CacheOptions c) {
        return new SourceOptions(platform, verify, maxExpandedBytes, registry, c);
    }

    /**
     * Registry access.
     *
     * @param credentials {@code user:pass} from {@code --creds}, or null to look in the usual auth files
     * @param plainHttp   talk HTTP, not HTTPS
     * @param insecure    accept any TLS certificate
     * @param useCache    keep blobs and layer indexes in the local content-addressed cache
     * @param cacheDir    where that cache lives; null means the default
     */
    public record RegistryOptions(String credentials, boolean plainHttp, boolean insecure, boolean useCache,
                                  Path cacheDir) {
        public static RegistryOptions defaults() {
            return new RegistryOptions(null, false, false, true, null);
        }
    }
}
