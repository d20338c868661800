package dev.whittle.measure.pull;

import dev.whittle.image.Descriptor;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.ImageJson;
import dev.whittle.image.ImageReference;
import dev.whittle.image.Manifest;
import dev.whittle.image.Platform;
import dev.whittle.image.UsageException;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.registry.FetchedManifest;
import dev.whittle.source.registry.PlatformSelector;
import dev.whittle.source.registry.RegistryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Reads pull sizes. From a registry it reads manifests only (never a layer), every platform of an index in
 * parallel; from a local source it opens the image and reads its layer descriptors.
 */
public final class PullSizeReader {
    private static final int PARALLEL_MANIFESTS = 8;
    private static final int MAX_CONFIG_BYTES = 8 << 20;

    private PullSizeReader() {
    }

    /**
     * @param platform when not null, only this platform of an index
     */
    public static PullSizes read(ImageReference reference, SourceOptions options, Platform platform) {
        if (reference instanceof ImageReference.Registry r) {
            return fromRegistry(r, options, platform);
        }
        try (Image image = ImageSources.open(reference, platform == null ? options : options.withPlatform(platform))) {
            return fromImage(reference.display(), image);
        }
    }

    /** Sizes of a registry image or index from manifests alone. */
    public static PullSizes fromRegistry(ImageReference.Registry ref, SourceOptions options, Platform platform) {
        RegistryClient client = RegistryClient.connect(ref.registry(), options.registry());
        client.ping();
        FetchedManifest top = client.manifest(ref.repository(), ref.tagOrDigest());
        if (!top.isIndex()) {
            Manifest m = top.manifest();
            Platform own = ImageJson.config(client.smallBlob(ref.repository(), m.config(), MAX_CONFIG_BYTES),
                    "config of " + ref.display()).platform();
            return new PullSizes(ref.display(), "registry manifests", null, List.of(platformPull(top, own)));
        }
        ImageIndex index = top.index();
        List<Descriptor> wanted = platform == null ? PlatformSelector.images(index)
                : List.of(PlatformSelector.select(index, platform, top.what()));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_MANIFESTS, Math.max(1, wanted.size())));
        try {
            List<CompletableFuture<PlatformPull>> futures = new ArrayList<>();
            for (Descriptor d : wanted) {
                futures.add(CompletableFuture.supplyAsync(() -> platformPull(
                        client.manifest(ref.repository(), d.digest().toString()), d.platform()), pool));
            }
            List<PlatformPull> pulls = new ArrayList<>();
            for (CompletableFuture<PlatformPull> f : futures) {
                pulls.add(join(f));
            }
            return new PullSizes(ref.display(), "registry manifests", top.digest().toString(), pulls);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sizes of an opened (local) image: its layer blobs as stored. */
    public static PullSizes fromImage(String reference, Image image) {
        List<LayerSize> layers = new ArrayList<>();
        for (Layer l : image.layers()) {
            Descriptor b = l.blob();
            layers.add(new LayerSize(l.index(), b.digest().toString(), b.mediaType(), b.size(), l.compressed()));
        }
        PlatformPull pull = PlatformPull.of(text(image.platform()), text(image.manifestDigest()), 0,
                image.rawConfig().length, layers);
        return new PullSizes(reference, image.format(), null, List.of(pull));
    }

    private static PlatformPull platformPull(FetchedManifest fetched, Platform platform) {
        if (fetched.isIndex()) {
            throw new UsageException(fetched.what() + " is a nested index; name one of its images by digest");
        }
        Manifest m = fetched.manifest();
        List<LayerSize> layers = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) {
            Descriptor d = m.layers().get(i);
            boolean compressed = d.mediaType() == null || !(d.mediaType().endsWith(".tar")
                    || d.mediaType().endsWith(".diff.tar"));
            layers.add(new LayerSize(i, d.digest().toString(), d.mediaType(), d.size(), compressed));
        }
        Platform p = platform != null ? platform : m.config().platform();
        return PlatformPull.of(text(p), fetched.digest().toString(), fetched.bytes().length, m.config().size(),
                layers);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
