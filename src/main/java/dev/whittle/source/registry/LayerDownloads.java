package dev.whittle.source.registry;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.source.FileRegion;
import dev.whittle.source.ProgressBar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches an image's layer blobs into the cache in the background, a few at a time, as soon as the image is opened,
 * so that analysis (which needs every layer) never waits on one download after another. A layer is read as its
 * blob arrives, not after; a failed download fails the layer that needs it with the download's one-line error.
 */
final class LayerDownloads implements AutoCloseable {
    /** Parallel downloads, as docker and skopeo use a handful. */
    static final int PARALLEL = 6;

    private final ExecutorService pool;
    /** Each blob's download, which also holds its outcome. */
    private final Map<Digest, ArrivingBlob> arrivals = new ConcurrentHashMap<>();
    private final ProgressBar progress;
    /** Blobs this process fetches, which the cache checks against their digests as they arrive. */
    private final Set<Digest> downloaded = ConcurrentHashMap.newKeySet();

    LayerDownloads(RegistryClient client, String repository, List<Descriptor> layers, BlobCache cache,
                   ProgressBar progress) {
        this.progress = progress;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, layers.size())), r -> {
            Thread t = new Thread(r, "whittle-download-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<CompletableFuture<Path>> all = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor d = layers.get(i);
            String name = "layer " + (i + 1);
            if (arrivals.containsKey(d.digest())) {
                continue; // the same blob twice in one image: one download serves both
            }
            // decided before any reader asks: a blob not in the cache now is one this run checks as it arrives
            if (cache.find(d.digest(), d.size()).isEmpty()) {
                downloaded.add(d.digest());
            }
            ArrivingBlob arrival = new ArrivingBlob();
            arrivals.put(d.digest(), arrival);
            CompletableFuture<Path> download = CompletableFuture.supplyAsync(() -> {
                try (ProgressBar.Part part = progress.part(name, d.size())) {
                    return client.blob(repository, d, cache, part::advance, arrival);
                }
            }, pool);
            download.whenComplete((path, error) -> arrival.finished(path, error == null ? null : unwrap(error)));
            all.add(download);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).whenComplete((ok, failed) -> progress.close());
    }

    /**
     * The blob's bytes: from its cached file once the download is done, else followed as they arrive (see
     * {@link ArrivingBlob}); a failed download fails the read with the download's own error.
     */
    InputStream open(Digest digest) throws IOException {
        ArrivingBlob arrival = arrival(digest);
        Optional<Path> stored = arrival.stored();
        return stored.isPresent() ? FileRegion.wholeFile(stored.get()).open() : arrival.open();
    }

    /**
     * The blob's first {@code n} bytes, to sniff its compression: from its cached file once stored, else as soon as
     * they arrive, without waiting for the rest of the download.
     */
    byte[] head(Digest digest, int n) throws IOException {
        ArrivingBlob arrival = arrival(digest);
        Optional<Path> stored = arrival.stored();
        if (stored.isPresent()) {
            try (InputStream in = FileRegion.wholeFile(stored.get()).open()) {
                return in.readNBytes(n);
            }
        }
        return arrival.head(n);
    }

    /** True when the blob is in the cache (its download, if any, done and verified): a plain local file. */
    boolean stored(Digest digest) {
        return arrival(digest).stored().isPresent();
    }

    /**
     * True when this process downloads the blob, so the cache checks its digest and size as it arrives and every
     * stream {@link #open} hands out ends (or closes) only after that check held; false when it was found in the
     * cache from an earlier run, which a reader should check again.
     */
    boolean downloadedHere(Digest digest) {
        return downloaded.contains(digest);
    }

    /**
     * The error to report for a read of this blob that failed with {@code readError}: the download's own error when
     * it failed too (bytes that do not match their digest break the gzip stream before the download can tell), else
     * {@code readError}.
     */
    RuntimeException failure(Digest digest, RuntimeException readError) {
        return downloaded.contains(digest) ? arrival(digest).failureOr(readError) : readError;
    }

    private ArrivingBlob arrival(Digest digest) {
        ArrivingBlob a = arrivals.get(digest);
        if (a == null) {
            throw new IllegalArgumentException("not a layer of this image: " + digest);
        }
        return a;
    }

    private static RuntimeException unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    /**
     * Stops downloads still running and waits (briefly) for their workers to delete their partial files, so that
     * closing an image leaves no {@code .partial} file behind for the caller to find.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        progress.close();
    }
}
