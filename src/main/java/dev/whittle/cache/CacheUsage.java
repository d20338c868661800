package dev.whittle.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * What the cache holds: its root, its total size, a line per kind and every entry (most recently used first).
 *
 * @param root    the cache directory
 * @param bytes   the total size of every entry
 * @param kinds   entries and bytes per kind, in a fixed order
 * @param entries every entry, most recently used first
 */
public record CacheUsage(Path root, long bytes, List<Kind> kinds, List<CacheEntry> entries) {
    public CacheUsage {
        kinds = List.copyOf(kinds);
        entries = List.copyOf(entries);
    }

    /**
     * One kind of entry.
     *
     * @param kind    its name, as in {@link CacheEntry#kind()}
     * @param entries how many entries it has
     * @param bytes   their total size
     */
    public record Kind(String kind, int entries, long bytes) {
    }
}
