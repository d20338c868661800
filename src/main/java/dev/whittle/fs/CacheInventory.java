package dev.whittle.fs;

import dev.whittle.cache.CacheEntry;
import dev.whittle.cache.CacheUsage;
import dev.whittle.cache.LayerCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What {@code whittle cache} shows: the cache's size against its cap, a line per kind, every entry (most recently
 * used first) with the number of files a layer index covers, and what a prune removed.
 *
 * @param dir          the cache directory
 * @param bytes        the total size of its entries
 * @param maxBytes     the size cap enforced after each run that stores something
 * @param kinds        entries and bytes per kind
 * @param indexedFiles the layer entries (files, directories, links, whiteouts) all layer indexes together cover
 * @param bytesPerFile layer-index bytes per indexed entry; null when there are none
 * @param entries      every entry, most recently used first
 * @param pruned       the entries the prune removed, oldest first (empty without {@code --max-size})
 */
public record CacheInventory(String dir, long bytes, long maxBytes, List<CacheUsage.Kind> kinds, long indexedFiles,
                             Double bytesPerFile, List<Entry> entries, List<Entry> pruned) {

    public CacheInventory {
        kinds = List.copyOf(kinds);
        entries = List.copyOf(entries);
        pruned = List.copyOf(pruned);
    }

    /**
     * One entry.
     *
     * @param kind     one of {@link dev.whittle.cache.LayerCache#KINDS}
     * @param key      the digest it is stored under
     * @param bytes    its size on disk
     * @param lastUsed when a run last stored or used it, ISO-8601 UTC to the second
     * @param files    for a layer index, the layer entries it covers; else null
     */
    public record Entry(String kind, String key, long bytes, String lastUsed, Integer files) {
    }

    /** The inventory of {@code cache} now, after a prune that removed {@code pruned}. */
    public static CacheInventory of(LayerCache cache, long maxBytes, List<CacheEntry> pruned) {
        CacheUsage usage = cache.usage();
        List<Entry> entries = new ArrayList<>();
        long files = 0;
        long indexBytes = 0;
        for (CacheEntry e : usage.entries()) {
            Integer rows = null;
            if (e.kind().equals(LayerCache.LAYER_INDEX)) {
                int colon = e.key().indexOf(':');
                Path p = cache.root().resolve(e.kind()).resolve(e.key().substring(0, colon))
                        .resolve(e.key().substring(colon + 1));
                OptionalInt n = LayerIndexCodec.rows(p);
                if (n.isPresent()) {
                    rows = n.getAsInt();
                    files += rows;
                    indexBytes += e.bytes();
                }
            }
            entries.add(new Entry(e.kind(), e.key(), e.bytes(), seconds(e.lastUsed()), rows));
        }
        List<Entry> removed = pruned.stream().map(e -> new Entry(e.kind(), e.key(), e.bytes(), seconds(e.lastUsed()), null))
                .toList();
        return new CacheInventory(usage.root().toString(), usage.bytes(), maxBytes, usage.kinds(), files,
                files == 0 ? null : (double) indexBytes / files, entries, removed);
    }

    private static String seconds(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
