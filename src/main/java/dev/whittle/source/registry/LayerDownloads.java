package dev.whittle.source.registry;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.source.ProgressBar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches an image's layer blobs into the cache in the background, a few at a time, as soon as the image is opened,
 * so that analysis (which needs every layer) never waits on one download after another. Each layer waits only for
 * its own blob; a failed download fails the layer that needs it with the download's one-line error.
 */
final class LayerDownloads implements AutoCloseable {
    /** Parallel downloads, as docker and skopeo use a handful. */
    static final int PARALLEL = 6;

    private final ExecutorService pool;
    private final Map<Digest, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();
    private final ProgressBar progress;
    /** Blobs fetched by this process, which the cache checked against their digests as they arrived. */
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
        for (int i = 0; i < layers.size(); i++) {
            Descriptor d = layers.get(i);
            String name = "layer " + (i + 1);
            downloads.computeIfAbsent(d.digest(), k -> CompletableFuture.supplyAsync(() -> {
                try (ProgressBar.Part part = progress.part(name, d.size())) {
                    if (cache.find(d.digest(), d.size()).isEmpty()) {
                        downloaded.add(d.digest()); // before the download: its path is only handed out once it held
                    }
                    return client.blob(repository, d, cache, part::advance);
                }
            }, pool));
        }
        CompletableFuture.allOf(downloads.values().toArray(CompletableFuture[]::new))
                .whenComplete((ok, failed) -> progress.close());
    }

    /** The cached file of this blob, waiting for its download; rethrows the download's own error. */
    Path await(Digest digest) {
        CompletableFuture<Path> f = downloads.get(digest);
        if (f == null) {
            throw new IllegalArgumentException("not a layer of this image: " + digest);
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * True when this process downloaded the blob (and so checked its digest and size before the cache took it),
     * false when it was found in the cache from an earlier run, which a reader should check again.
     */
    boolean downloadedHere(Digest digest) {
        return downloaded.contains(digest) && downloads.get(digest).isDone()
                && !downloads.get(digest).isCompletedExceptionally();
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
