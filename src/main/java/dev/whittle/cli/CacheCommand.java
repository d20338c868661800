package dev.whittle.cli;

import dev.whittle.cache.CacheEntry;
import dev.whittle.cache.CacheOptions;
import dev.whittle.cache.LayerCache;
import dev.whittle.fs.CacheInventory;
import dev.whittle.image.ByteSize;
import dev.whittle.image.UsageException;
import dev.whittle.report.CacheTextRenderer;
import dev.whittle.report.JsonReport;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whittle cache}: what the layer cache holds, and pruning it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show and prune the layer cache.",
                "Shows its size against its cap and its entries (layer indexes, captured",
                "files, verified local files, archives, whole image results, registry blobs).",
                "With --max-size, first prunes it",
                "to that size, least recently used entries first (--max-size 0 empties it)."},
        footer = {"", "The cache lives in --cache-dir, else $WHITTLE_CACHE_DIR, else",
                "$XDG_CACHE_HOME/whittle, else ~/.cache/whittle. After each run that stores",
                "something it is pruned to stay under its cap: 2GiB, or $WHITTLE_CACHE_MAX_SIZE.",
                "", "Examples:", "  whittle cache", "  whittle cache --max-size 500MB",
                "  whittle cache --json | jq .bytesPerFile"})
final class CacheCommand implements Callable<Integer> {

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "The cache to show (default: as for every"
            + " command).")
    Path cacheDir;

    @Option(names = "--max-size", paramLabel = "SIZE",
            description = "Prune to at most SIZE (e.g. 500MB, 0), least recently used first.")
    String maxSize;

    @Option(names = "--entries", description = "List every entry in the text output (JSON always does).")
    boolean entries;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Override
    public Integer call() {
        long limit = -1;
        if (maxSize != null) {
            try {
                limit = ByteSize.parse(maxSize);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--max-size: " + e.getMessage());
            }
        }
        Format format = output.format(); // a bad --format or -o is a usage error before any work
        CacheOptions options = CacheSettings.options(cacheDir, false);
        LayerCache cache = new LayerCache(options);
        List<CacheEntry> pruned = limit >= 0 ? cache.prune(limit) : List.of();
        CacheInventory inventory = CacheInventory.of(cache, options.maxBytes(), pruned);
        output.print(format == Format.JSON ? JsonReport.render("cache", inventory)
                : CacheTextRenderer.render(inventory, entries));
        return 0;
    }
}
