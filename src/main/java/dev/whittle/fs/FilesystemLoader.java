package dev.whittle.fs;

import dev.whittle.image.InputException;
import dev.whittle.image.WhittleException;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import dev.whittle.source.PositionalInput;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Indexes every layer of an image, in parallel across cores (layers are independent until the union), then stacks
 * them into a {@link UnionView}. The first failing layer (in layer order) decides the exception.
 */
public final class FilesystemLoader {
    /** At most this many reads beyond one per core wait for arriving bytes (a registry downloads six blobs at once). */
    static final int MAX_WAITING = 6;

    private static final long REPORT_EVERY = 4L << 20;

    private FilesystemLoader() {
    }

    /** Loads with one worker per core and no progress reporting. */
    public static UnionView load(Image image) {
        return load(image, LoadProgress.NONE);
    }

    /** Loads with one worker per core. */
    public static UnionView load(Image image, LoadProgress progress) {
        return load(image, progress, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads an image's layers into a union view.
     *
     * @throws InputException for an image without layers, or a layer that is corrupt, truncated or hostile
     * @throws WhittleException as the source reports it (digest mismatch, unavailable blob)
     */
    public static UnionView load(Image image, LoadProgress progress, int threads) {
        return load(image, progress, threads, LayerIndexCache.of(image), ContentCapture.NONE);
    }

    /**
     * As {@link #load(Image, LoadProgress, int)}, taking each layer's index from {@code cache} when it has one and
     * storing the indexes of the layers it had to read.
     */
    public static UnionView load(Image image, LoadProgress progress, int threads, LayerIndexCache cache) {
        return load(image, progress, threads, cache, ContentCapture.NONE);
    }

    /** Loads with one worker per core, handing the files {@code capture} wants to it in the same pass. */
    public static UnionView load(Image image, LoadProgress progress, ContentCapture capture) {
        return load(image, progress, Runtime.getRuntime().availableProcessors(), capture);
    }

    /** As {@link #load(Image, LoadProgress, int)}, handing the files {@code capture} wants to it in the same pass. */
    public static UnionView load(Image image, LoadProgress progress, int threads, ContentCapture capture) {
        return load(image, progress, threads, LayerIndexCache.of(image), capture);
    }

    /**
     * The full form: layer indexes come from {@code cache} where it has them, unless {@code capture} wants file
     * contents (a cached index holds none), and every layer read is stored in it.
     */
    public static UnionView load(Image image, LoadProgress progress, int threads, LayerIndexCache cache,
                                 ContentCapture capture) {
        return load(image, progress, threads, cache, capture, false);
    }

    /**
     * As {@link #load(Image, LoadProgress, int, LayerIndexCache, ContentCapture)}; with {@code records}, each layer
     * read now also notes where its entries' records lie ({@link LayerIndex#hasRecords}), in the same pass, for a
     * caller that copies entries by offset ({@code slim}). A layer found in the cache has no records: the caller
     * walks that one itself.
     */
    public static UnionView load(Image image, LoadProgress progress, int threads, LayerIndexCache cache,
                                 ContentCapture capture, boolean records) {
        List<Layer> layers = layersOf(image);
        PathTable paths = new PathTable();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        int total = layers.size();
        ExecutorService pool = readerPool(layers, threads);
        try {
            // Largest blob first: a big layer started last would leave the other cores idle at the end (on big.tar,
            // layer order finishes 4% after the ideal two-core split of its bytes, largest first 0.2%).
            List<Future<LayerIndex>> futures = new ArrayList<>(Collections.nCopies(total, null));
            for (int i : largestFirst(layers)) {
                Layer layer = layers.get(i);
                futures.set(i, pool.submit(() -> {
                    LayerIndex index = cachedOrIndexed(layer, paths, cache, capture, records, bytes, done, total,
                            progress);
                    progress.update(bytes.get(), done.incrementAndGet(), total);
                    return index;
                }));
            }
            List<LayerIndex> indexes = new ArrayList<>();
            for (Future<LayerIndex> f : futures) {
                indexes.add(Futures.join(f, "reading layers"));
            }
            sortInBackground(paths, pool);
            return UnionView.of(paths, indexes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The image's layers; an image without any is unreadable input. */
    private static List<Layer> layersOf(Image image) {
        List<Layer> layers = image.layers();
        if (layers.isEmpty()) {
            throw new InputException(image.reference() + ": the image has no layers");
        }
        return layers;
    }

    /** The daemon threads that index the layers: {@link #readers} of them, never more than there are layers. */
    private static ExecutorService readerPool(List<Layer> layers, int threads) {
        int readers = Math.max(1, Math.min(readers(layers, threads), layers.size()));
        return Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "whittle-layer-index");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads to run at once: one per core, plus one for each layer still arriving (up to {@link #MAX_WAITING}), since
     * such a read mostly waits for its bytes. A registry downloads several blobs at once; with a read following each,
     * every layer is analysed as it arrives, and the last ones end with their last bytes instead of after them.
     */
    static int readers(List<Layer> layers, int threads) {
        int arriving = 0;
        for (Layer layer : layers) {
            if (layer.arriving()) {
                arriving++;
            }
        }
        return threads + Math.min(arriving, MAX_WAITING);
    }

    /**
     * Loads as {@link #load(Image, LoadProgress, int, LayerIndexCache, ContentCapture)} does and hands the union view
     * to {@code use} on the calling thread, returning what it returns; but {@code use} starts as soon as every layer is
     * indexed. A layer that {@link Layer#verifiesApart() verifies apart} (uncompressed, in a local file) is indexed by
     * seeking from header to header, and its digests are checked by a separate pass that hashes its bytes, still
     * running on the other cores while {@code use} works: on a large uncompressed archive, the union, measurement and
     * rendering no longer wait for the last hash, then run on one core. The result is returned only once every
     * layer's digests held; a failed check throws its error (the first failing layer in layer order decides, as in
     * {@code load}) and the result is dropped, so nothing built from unverified bytes reaches the user.
     */
    public static <T> T loadAndUse(Image image, LoadProgress progress, int threads, LayerIndexCache cache,
                                   ContentCapture capture, Function<UnionView, T> use) {
        List<Layer> layers = layersOf(image);
        PathTable paths = new PathTable();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        int total = layers.size();
        ExecutorService pool = readerPool(layers, threads);
        try {
            int[] order = largestFirst(layers);
            List<Future<LayerIndex>> indexes = new ArrayList<>(Collections.nCopies(total, null));
            List<Future<Void>> checks = new ArrayList<>(Collections.nCopies(total, null));
            // Every index first (the pool takes tasks in order): the headers of all layers cost little, and the union
            // can start while the hashing below keeps the cores busy. A hashing task only starts once every index
            // task was taken, so it may wait for its own layer's index without holding up a worker that index needs.
            boolean[] apart = new boolean[total];
            // set by an index task that found its layer in the cache: known content, so there is nothing to check
            AtomicIntegerArray cached = new AtomicIntegerArray(total);
            for (int i : order) {
                Layer layer = layers.get(i);
                apart[i] = capture == ContentCapture.NONE && layer.verifiesApart();
                if (apart[i]) {
                    int at = i;
                    indexes.set(i, pool.submit(() -> {
                        java.util.Optional<LayerIndex> kept = cache.find(layer, paths);
                        if (kept.isPresent()) {
                            cached.set(at, 1);
                            return kept.get();
                        }
                        return indexBySeeking(layer, paths);
                    }));
                } else {
                    indexes.set(i, pool.submit(() -> {
                        LayerIndex index = cachedOrIndexed(layer, paths, cache, capture, false, bytes, done, total,
                                progress);
                        progress.update(bytes.get(), done.incrementAndGet(), total);
                        return index;
                    }));
                }
            }
            for (int i : order) {
                if (apart[i]) {
                    Layer layer = layers.get(i);
                    Future<LayerIndex> index = indexes.get(i);
                    int at = i;
                    checks.set(i, pool.submit(() -> {
                        checkDigests(layer, index, cached.get(at) == 1, cache, bytes, done, total, progress);
                        return null;
                    }));
                }
            }
            List<LayerIndex> indexed = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                try {
                    indexed.add(Futures.join(indexes.get(i), "reading layers"));
                } catch (RuntimeException e) {
                    awaitChecks(checks, i); // an earlier layer's failed check comes first, as in layer order
                    throw e;
                }
            }
            sortInBackground(paths, pool);
            T result;
            try {
                result = use.apply(UnionView.of(paths, indexed));
            } catch (RuntimeException e) {
                awaitChecks(checks, total); // a failed check is the truer cause of anything odd in unverified bytes
                throw e;
            }
            awaitChecks(checks, total);
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts working out the paths' sorted order ({@link PathTable#postOrder}: dive's metrics and every ranked list
     * need it; on big.tar it was half of dive's metrics' work) on a worker the indexing left idle, so it
     * runs beside the union instead of after it, on the measurement's critical path (a verified read's worker may
     * still be hashing: nothing waits for it but what needs the order). The child links the union needs are built
     * first, here: the sort holds the table's lock while it runs.
     */
    private static void sortInBackground(PathTable paths, ExecutorService pool) {
        paths.childLinks();
        pool.execute(paths::postOrderShared);
    }

    /** Waits for the digest checks of the first {@code count} layers, throwing the first failure in layer order. */
    private static void awaitChecks(List<Future<Void>> checks, int count) {
        for (int i = 0; i < count; i++) {
            if (checks.get(i) != null) {
                Futures.join(checks.get(i), "checking layer digests");
            }
        }
    }

    /** A layer's index from its headers alone, its content skipped by seeking; its digests are checked apart. */
    private static LayerIndex indexBySeeking(Layer layer, PathTable paths) {
        String label = label(layer);
        try (InputStream in = layer.openUncheckedTar()) {
            return LayerIndexer.indexUnbuffered(in, layer.index(), label, paths, ContentCapture.NONE);
        } catch (IOException e) {
            throw layer.failure(new InputException(label + ": cannot read the layer: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw layer.failure(e);
        }
    }

    /**
     * Reads a layer's verified stream to its end by skipping (a local region hashes what it skips in place), which
     * checks its digests; then keeps its index in the cache, now that the bytes it came from are proven.
     */
    private static void checkDigests(Layer layer, Future<LayerIndex> index, boolean fromCache, LayerIndexCache cache,
                                     AtomicLong bytes, AtomicInteger done, int total, LoadProgress progress) {
        LayerIndex indexed;
        try {
            indexed = index.get(); // its task was taken before this one, so this waits for no queued work
        } catch (java.util.concurrent.ExecutionException e) {
            return; // the index failed: that is the layer's error, reported by the caller
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!fromCache) {
            String label = label(layer);
            try (InputStream in = new Counting(layer.openTar(), bytes, done, total, progress)) {
                while (in.skip(REPORT_EVERY) > 0) {
                    // each skip hashes the next bytes in place; a short one means the region's end
                }
                byte[] rest = new byte[8192];
                while (in.read(rest) >= 0) {
                    // the end, seen by a read, runs the digest and size checks
                }
            } catch (IOException e) {
                throw layer.failure(new InputException(label + ": cannot read the layer: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                throw layer.failure(e);
            }
            cache.store(layer, indexed); // only now: the bytes the index came from are proven
        }
        progress.update(bytes.get(), done.incrementAndGet(), total);
    }

    /** Positions of {@code layers} by stored size, largest first (equal sizes in layer order). */
    static int[] largestFirst(List<Layer> layers) {
        return IntStream.range(0, layers.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> -size(layers.get(i))))
                .mapToInt(Integer::intValue).toArray();
    }

    private static long size(Layer layer) {
        return layer.blob() == null ? 0 : layer.blob().size();
    }

    /** A short name for a layer in messages: {@code layer 2 (sha256:0123456789ab)}. */
    public static String label(Layer layer) {
        return "layer " + layer.index() + (layer.diffId() == null ? "" : " (" + layer.diffId().algorithm() + ":"
                + layer.diffId().shortHex() + ")");
    }

    private static LayerIndex cachedOrIndexed(Layer layer, PathTable paths, LayerIndexCache cache,
                                              ContentCapture capture, boolean records, AtomicLong bytes,
                                              AtomicInteger done, int total, LoadProgress progress) {
        if (capture == ContentCapture.NONE) {
            return cache.findOrRead(layer, paths,
                    () -> indexLayer(layer, paths, bytes, done, total, progress, capture, records));
        }
        CachedCapture kept = capture instanceof CachedCapture c ? c : null;
        if (kept != null) { // both the index and what the capture took from the layer must be there
            java.util.Optional<LayerIndex> cached = cache.find(layer, paths);
            if (cached.isPresent() && cache.restoreCaptured(layer, kept)) {
                return cached.get();
            }
        }
        LayerIndex index = indexLayer(layer, paths, bytes, done, total, progress, capture, records);
        cache.store(layer, index); // only now: the layer was read to its end and closed, so its digests held
        if (kept != null) {
            cache.storeCaptured(layer, kept);
        }
        return index;
    }

    private static LayerIndex indexLayer(Layer layer, PathTable paths, AtomicLong bytes, AtomicInteger done,
                                         int total, LoadProgress progress, ContentCapture capture, boolean records) {
        String label = label(layer);
        try {
            // An uncompressed, unverified layer in a local file: read each header where it sits and seek past the
            // content (the stream reads ahead a little, so runs of small entries cost one read), so the cost follows
            // the number of entries, not their bytes. Any other stream is buffered by the indexer.
            if (layer.skipsBySeeking()) {
                try (InputStream in = Counting.keepingPositionalReads(layer.openTar(), bytes, done, total,
                        progress)) {
                    return LayerIndexer.indexUnbuffered(in, layer.index(), label, paths, capture, records);
                }
            }
            try (InputStream in = new Counting(layer.openTar(), bytes, done, total, progress)) {
                return LayerIndexer.index(in, layer.index(), label, paths, capture, records);
            }
        } catch (IOException e) {
            throw layer.failure(new InputException(label + ": cannot read the layer: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            // the layer's stream already asks its source about its own errors; this catches the indexer's (a tar
            // header broken by bytes a download that failed its digest wrote)
            throw layer.failure(e);
        }
    }

    /** Counts bytes read or skipped, reporting every few megabytes. */
    private static class Counting extends FilterInputStream {
        private final AtomicLong total;
        private final AtomicInteger done;
        private final int layers;
        private final LoadProgress progress;
        private long sinceReport;

        Counting(InputStream in, AtomicLong total, AtomicInteger done, int layers, LoadProgress progress) {
            super(in);
            this.total = total;
            this.done = done;
            this.layers = layers;
            this.progress = progress;
        }

        /**
         * A counting stream that, over a stream reading by position (a local file region's), reads by position too:
         * the indexer then hands captures entry contents they can read where they lie. Reads at a position are not
         * counted: the stream still skips or reads every entry, which counts its bytes once.
         */
        static Counting keepingPositionalReads(InputStream in, AtomicLong total, AtomicInteger done, int layers,
                                               LoadProgress progress) {
            return in instanceof PositionalInput at ? new Positional(in, at, total, done, layers, progress)
                    : new Counting(in, total, done, layers, progress);
        }

        private static final class Positional extends Counting implements PositionalInput {
            private final PositionalInput at;

            Positional(InputStream in, PositionalInput at, AtomicLong total, AtomicInteger done, int layers,
                       LoadProgress progress) {
                super(in, total, done, layers, progress);
                this.at = at;
            }

            @Override
            public int readAt(long position, byte[] b, int off, int len) throws IOException {
                return at.readAt(position, b, off, len);
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            if (s > 0) {
                count(s);
            }
            return s;
        }

        private void count(long n) {
            long now = total.addAndGet(n);
            sinceReport += n;
            if (sinceReport >= REPORT_EVERY) {
                sinceReport = 0;
                progress.update(now, done.get(), layers);
            }
        }
    }
}
