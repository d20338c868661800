package dev.whittle.compare;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.Futures;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageScanner;
import dev.whittle.source.Image;
import dev.whittle.source.ResultCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Loads and measures several images, several at a time when the heap allows (each load already uses every core
 * across its layers; loading images side by side overlaps their I/O and decompression).
 */
public final class ImageLoader {
    /** A generous guess of the heap one image's union view needs while loading (a large distro image). */
    private static final long HEAP_PER_IMAGE = 512L << 20;

    /** The image results' name for a measurement, as {@code inspect} names its own (the key holds the options too). */
    private static final String CACHED_AS = "measurement";

    private ImageLoader() {
    }

    /**
     * Opens, loads and measures every image; the first failure (in the given order) is rethrown.
     *
     * @param names     the images as the user named them
     * @param opener    opens a name (the caller's source options)
     * @param options   how much detail to measure
     * @param keepUnion how many of the first images keep their union view (0 to keep none)
     */
    public static List<MeasuredImage> loadAll(List<String> names, Function<String, Image> opener,
                                              MeasureOptions options, int keepUnion) {
        return loadAll(names, opener, options, keepUnion, false);
    }

    /**
     * As {@link #loadAll(List, Function, MeasureOptions, int)}, reading every image's installed packages in the
     * same pass when {@code packages} is true.
     */
    public static List<MeasuredImage> loadAll(List<String> names, Function<String, Image> opener,
                                              MeasureOptions options, int keepUnion, boolean packages) {
        int parallel = (int) Math.max(1, Math.min(names.size(), Runtime.getRuntime().maxMemory() / HEAP_PER_IMAGE));
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "whittle-image-load");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MeasuredImage>> futures = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean keep = i < keepUnion;
                futures.add(pool.submit(() -> load(name, opener, options, keep, packages)));
            }
            List<MeasuredImage> out = new ArrayList<>();
            for (Future<MeasuredImage> f : futures) {
                out.add(Futures.join(f, "loading images"));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Opens, loads and measures one image. */
    public static MeasuredImage load(String name, Function<String, Image> opener, MeasureOptions options,
                                     boolean keepUnion) {
        return load(name, opener, options, keepUnion, false);
    }

    /** Opens, loads and measures one image, reading its installed packages in the same pass when asked. */
    public static MeasuredImage load(String name, Function<String, Image> opener, MeasureOptions options,
                                     boolean keepUnion, boolean packages) {
        try (Image image = opener.apply(name)) {
            if (!keepUnion && !packages) {
                return measuredOnly(name, image, options);
            }
            PackageScanner.Pass scan = packages ? PackageScanner.prepare() : null;
            UnionView union = scan == null ? FilesystemLoader.load(image)
                    : FilesystemLoader.load(image, LoadProgress.NONE, scan.capture());
            Measurement m = ImageMeasurer.measure(image, union, options);
            return new MeasuredImage(name, m, keepUnion ? union : null,
                    scan == null ? null : scan.scan(image, union).inventory());
        }
    }

    /**
     * An image whose measurement is all the comparison needs: a function of its layers, its config and the options
     * alone, so it is kept in the layer cache's image results as {@code inspect}'s is, and a warm run (every layer
     * known by its stat key or digest) reads no layer. The reference as typed and the tags are put back for this run.
     */
    private static MeasuredImage measuredOnly(String name, Image image, MeasureOptions options) {
        ResultCache results = ResultCache.of(image);
        Optional<Measurement> kept = results.find(CACHED_AS, options.toString(), Measurement.class);
        if (kept.isPresent()) {
            return new MeasuredImage(name, ImageMeasurer.rebind(image, kept.get()), null);
        }
        UnionView union = FilesystemLoader.load(image);
        Measurement m = ImageMeasurer.measure(image, union, options);
        results.store(CACHED_AS, options.toString(),
                union.layerStats().stream().mapToLong(LayerStats::tarBytes).toArray(), m);
        return new MeasuredImage(name, m, null);
    }

}
