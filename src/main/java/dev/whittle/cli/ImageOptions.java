package dev.whittle.cli;

import dev.whittle.cache.CacheOptions;
import dev.whittle.image.ByteSize;
import dev.whittle.image.ImageReference;
import dev.whittle.image.Platform;
import dev.whittle.image.UsageException;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LayerIndexCache;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.UnionView;
import dev.whittle.source.ResultCache;
import java.util.Optional;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Options shared by every command that opens an image. */
final class ImageOptions {

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Platform to pick from a multi-platform image (default: the only one, else the host's).")
    String platform;

    @Option(names = "--no-verify", description = "Skip checking blob digests, sizes and diff ids.")
    boolean noVerify;

    @Option(names = "--max-expanded", paramLabel = "SIZE", defaultValue = "64GiB",
            description = "Refuse a layer that expands past SIZE (decompression-bomb guard; default: ${DEFAULT-VALUE}).")
    String maxExpanded;

    @Option(names = "--creds", paramLabel = "USER:PASS", description = "Registry credentials (default: docker/containers auth files).")
    String creds;

    @Option(names = "--plain-http", description = "Talk plain HTTP to the registry (loopback registries).")
    boolean plainHttp;

    @Option(names = "--insecure", description = "Accept any TLS certificate from the registry.")
    boolean insecure;

    @Option(names = "--no-cache", description = "Neither read nor fill the layer cache: read and verify every layer.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where the layer cache lives (default:"
            + " $WHITTLE_CACHE_DIR, else $XDG_CACHE_HOME/whittle, else ~/.cache/whittle).")
    Path cacheDir;

    /** The options for opening sources, with every value checked (bad values are usage errors, exit 2). */
    SourceOptions sourceOptions() {
        Platform p = null;
        if (platform != null) {
            try {
                p = Platform.parse(platform);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--platform: " + e.getMessage());
            }
        }
        long max;
        try {
            max = ByteSize.parse(maxExpanded);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-expanded: " + e.getMessage());
        }
        if (creds != null && !creds.contains(":")) {
            throw new UsageException("--creds: expected USER:PASS");
        }
        CacheOptions cache = CacheSettings.options(cacheDir, noCache);
        return new SourceOptions(p, !noVerify, max,
                new SourceOptions.RegistryOptions(creds, plainHttp, insecure, !noCache, cache.dir()), cache);
    }

    /** Parses a reference the user typed; a bad one is a usage error. */
    static ImageReference reference(String text) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Opens the image the user named. */
    Image open(String reference) {
        return ImageSources.open(reference(reference), sourceOptions());
    }

    /**
     * Opens the image, indexes its layers into the union view (with a progress line on a terminal) and hands both to
     * {@code work}; the image is closed before this returns, so results must not hold on to open streams.
     */
    <T> T withFilesystem(String reference, OutputOptions output, String label,
                         BiFunction<Image, UnionView, T> work) {
        try (Image img = open(reference);
             TerminalProgress progress = output.progress(label)) {
            return work.apply(img, FilesystemLoader.load(img, progress));
        }
    }

    /**
     * As {@link #withFilesystem}, for a result that is a function of the image's layers and config and of
     * {@code options} alone: a run that finds it in the layer cache ({@link ResultCache}) neither loads the layers nor
     * calls {@code work}; one that computes it stores it. {@code rebind} puts back what a stored result cannot know
     * (the reference as typed, the tags), so the result is the same with and without the cache.
     *
     * @param what    names the result in the cache key (the command)
     * @param options every option the result depends on, as text
     * @param capture the files {@code work} needs read while the layers load ({@link ContentCapture#NONE} for none)
     */
    <T> T withCachedResult(String reference, OutputOptions output, String label, String what, String options,
                           Class<T> type, ContentCapture capture, BiFunction<Image, T, T> rebind,
                           BiFunction<Image, UnionView, T> work) {
        return withCachedResult(reference, output, label, what, options, type, capture, rebind, work,
                Function.identity());
    }

    /**
     * As above, handing the result to {@code present} (its rendering) before returning what that makes. A result
     * computed now is presented while the last layers' digests are still being checked, so on a large uncompressed
     * archive the rendering costs no time after the last hash; what it made is returned only once every check held.
     */
    <T, R> R withCachedResult(String reference, OutputOptions output, String label, String what, String options,
                              Class<T> type, ContentCapture capture, BiFunction<Image, T, T> rebind,
                              BiFunction<Image, UnionView, T> work, Function<T, R> present) {
        try (Image img = open(reference)) {
            return cachedResult(img, ResultCache.of(img), output, label, what, options, type, () -> capture, rebind,
                    work, present).presented();
        }
    }

    /**
     * Prints a result as {@link #withCachedResult} finds or computes it, rendered by {@code present}, and keeps the
     * rendered text apart as well (a raw {@link ResultCache#findBytes} entry, its UTF-8 bytes): a warm run of the
     * same command line copies that text to the output without reading the result or rendering it (an inspect's
     * JSON is megabytes: parsing the measurement and writing it again was most of a warm run). The text's key holds
     * the result's ({@code options}), {@code rendering} (every choice the renderer makes: the format, the width, the
     * order) and everything the text shows of the image's names ({@link ReportCommand#pageNames}: what
     * {@code rebind} puts back), so a run that would print anything else misses and renders its own.
     *
     * @param page      names the rendered text in the cache key
     * @param rendering every input of {@code present} besides the result, as text
     */
    <T> void printCachedResult(String reference, OutputOptions output, String label, String what, String page,
                               String options, String rendering, Class<T> type, Supplier<ContentCapture> capture,
                               BiFunction<Image, T, T> rebind, BiFunction<Image, UnionView, T> work,
                               Function<T, String> present) {
        try (Image img = open(reference)) {
            ResultCache results = ResultCache.of(img);
            String pageOptions = options + "\nrendering " + rendering + "\n" + ReportCommand.pageNames(img);
            Optional<ResultCache.Stored<byte[]>> kept = results.findBytes(page, pageOptions);
            if (kept.isPresent()) {
                output.printUtf8(kept.get().value());
                return;
            }
            Computed<T, String> computed = cachedResult(img, results, output, label, what, options, type, capture,
                    rebind, work, present);
            // text UTF-8 cannot say (a lone surrogate) is not kept: printing it fails as it would without the cache
            byte[] utf8 = results.stores() ? ReportCommand.strictUtf8(computed.presented()) : null;
            if (utf8 != null) {
                results.storeBytes(page, pageOptions, computed.tarBytes(), utf8);
            }
            output.print(computed.presented());
        }
    }

    /** The result found in the layer cache or computed from the layers (and stored), with its presentation. */
    private <T, R> Computed<T, R> cachedResult(Image img, ResultCache results, OutputOptions output, String label,
                                               String what, String options, Class<T> type,
                                               Supplier<ContentCapture> capture,
                                               BiFunction<Image, T, T> rebind, BiFunction<Image, UnionView, T> work,
                                               Function<T, R> present) {
        Optional<ResultCache.Stored<T>> kept = results.findStored(what, options, type);
        if (kept.isPresent()) {
            T result = rebind.apply(img, kept.get().value());
            return new Computed<>(result, kept.get().tarBytes(), present.apply(result));
        }
        Computed<T, R> computed;
        try (TerminalProgress progress = output.progress(label)) {
            // the work starts once every layer is indexed, while the last digest checks still run beside it
            // (FilesystemLoader.loadAndUse); its result comes back only once every check held
            computed = FilesystemLoader.loadAndUse(img, progress, Runtime.getRuntime().availableProcessors(),
                    LayerIndexCache.of(img), capture.get(), union -> {
                        long[] tarBytes = union.layerStats().stream().mapToLong(LayerStats::tarBytes).toArray();
                        T result = work.apply(img, union);
                        return new Computed<>(result, tarBytes, present.apply(result));
                    });
        }
        results.store(what, options, computed.tarBytes(), computed.result());
        return computed;
    }

    /** A result computed from the layers, their tar sizes (for the result cache's key) and its presentation. */
    private record Computed<T, R>(T result, long[] tarBytes, R presented) {
    }
}
