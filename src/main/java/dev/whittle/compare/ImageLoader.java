package dev.whittle.compare;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.Futures;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageScanner;
import dev.whittle.source.Image;
import java.util.ArrayList;
import java.util.List;
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
            PackageScanner.Pass scan = packages ? PackageScanner.prepare() : null;
            UnionView union = scan == null ? FilesystemLoader.load(image)
                    : FilesystemLoader.load(image, LoadProgress.NONE, scan.capture());
            Measurement m = ImageMeasurer.measure(image, union, options);
            return new MeasuredImage(name, m, keepUnion ? union : null,
                    scan == null ? null : scan.scan(image, union).inventory());
        }
    }

}
