package dev.whittle.cache;

import java.time.Instant;

/**
 * One entry of the cache as {@code whittle cache} lists it.
 *
 * @param kind     one of {@link LayerCache#KINDS}: {@code layer-index}, {@code captured-files}, {@code verified-files},
 *                 {@code archive-files} or {@code blobs}
 * @param key      the digest it is stored under, e.g. {@code sha256:0123...}
 * @param bytes    its size on disk (the file's length)
 * @param lastUsed when a run last stored or used it; pruning removes the oldest first
 */
public record CacheEntry(String kind, String key, long bytes, Instant lastUsed) {
}
