package dev.whittle.fleet;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.Manifest;
import dev.whittle.image.Platform;
import dev.whittle.source.BlobLayer;
import dev.whittle.source.BlobOpener;
import dev.whittle.source.DerivedStore;
import dev.whittle.source.ForwardingImage;
import dev.whittle.source.Image;
import dev.whittle.source.ImageAssembly;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.registry.BlobCache;
import dev.whittle.source.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Opens one manifest of a fleet as an {@link Image} whose layers touch the registry only when the loader reads
 * them: a layer the fleet database already holds is never downloaded. (The registry source of {@code inspect}
 * starts every download when the image opens, and a layer sniffs its compression from the blob's first bytes; here
 * the compression comes from the media type, so measuring an image from stored indexes moves no layer byte.)
 */
final class FleetImages {
    private final RegistryClient client;
    private final BlobCache blobs;
    private final boolean deleteAfterUse;
    private final SourceOptions options;
    private final AtomicLong bytesMoved;
    private final Set<Path> downloaded = ConcurrentHashMap.newKeySet();

    /**
     * @param blobs          where blobs land (the shared layer cache's, or a temp dir)
     * @param deleteAfterUse true for a temp dir: each blob is deleted once its image is measured
     * @param bytesMoved     counts the layer bytes downloaded
     */
    FleetImages(RegistryClient client, BlobCache blobs, boolean deleteAfterUse, SourceOptions options,
                AtomicLong bytesMoved) {
        this.client = client;
        this.blobs = blobs;
        this.deleteAfterUse = deleteAfterUse;
        this.options = options.withCache(dev.whittle.cache.CacheOptions.OFF);
        this.bytesMoved = bytesMoved;
    }

    /** The image of {@code manifest} in {@code repository}, with its config's exact bytes. */
    Image open(String repository, String reference, Manifest manifest, Digest manifestDigest, byte[] config,
               Platform indexPlatform) {
        ImageAssembly assembly = new ImageAssembly(reference, "docker registry (fleet scan)", options)
                .config(config, "config " + manifest.config().digest() + " of " + reference)
                .manifestDigest(manifestDigest).platform(indexPlatform);
        for (Descriptor layer : manifest.layers()) {
            assembly.layer(layer, new RegistryBlob(repository, layer));
        }
        Image image = assembly.build();
        List<Layer> layers = new ArrayList<>();
        for (Layer l : image.layers()) {
            layers.add(new MediaTypedLayer((BlobLayer) l));
        }
        return new FleetImage(image, List.copyOf(layers));
    }

    /** Deletes the blobs downloaded into a temp dir so far (their layers are in the database now). */
    void dropDownloaded() {
        if (!deleteAfterUse) {
            return;
        }
        for (Path p : List.copyOf(downloaded)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the temp dir is deleted at the end anyway
            }
            downloaded.remove(p);
        }
    }

    /** A layer blob fetched into the blob cache on first open (verified before it is visible), then read from there. */
    private final class RegistryBlob implements BlobOpener {
        private final String repository;
        private final Descriptor blob;
        private volatile boolean fetchedHere;

        RegistryBlob(String repository, Descriptor blob) {
            this.repository = repository;
            this.blob = blob;
        }

        @Override
        public InputStream open() throws IOException {
            boolean cached = blobs.find(blob.digest(), blob.size()).isPresent();
            Path path = client.blob(repository, blob, blobs, bytesMoved::addAndGet);
            if (!cached) {
                fetchedHere = true;
                downloaded.add(path);
            }
            return Files.newInputStream(path);
        }

        @Override
        public boolean digestChecked() {
            return fetchedHere;
        }

        @Override
        public boolean known(Digest blobDigest, Digest diffId) {
            return true; // content-addressed
        }

        @Override
        public Object location() {
            return blob.digest();
        }
    }

    /** A registry layer whose compression is its media type's, so asking costs no download. */
    private record MediaTypedLayer(BlobLayer layer) implements Layer {
        @Override
        public int index() {
            return layer.index();
        }

        @Override
        public Digest diffId() {
            return layer.diffId();
        }

        @Override
        public Descriptor blob() {
            return layer.blob();
        }

        @Override
        public boolean compressed() {
            String type = layer.blob().mediaType();
            if (type == null) {
                return layer.compressed();
            }
            // tar+gzip, tar+zstd, tar.gzip (Docker), and foreign layers; a plain ".tar" or "+tar" type is not
            return !(type.endsWith(".tar") || type.endsWith("layer.v1.tar"));
        }

        @Override
        public InputStream openTar() throws IOException {
            return layer.openTar();
        }

        @Override
        public RuntimeException failure(RuntimeException readError) {
            return layer.failure(readError);
        }

        @Override
        public boolean knownContent() {
            return true;
        }

        @Override
        public void checkExpandedSize(long tarBytes) {
            layer.checkExpandedSize(tarBytes);
        }

        @Override
        public Object location() {
            return layer.location();
        }
    }

    /**
     * The assembled image with the media-typed layers in place of its own. It offers no derived store: what is derived
     * from its layers lives in the fleet database ({@code LayerClaims}), not in the local cache.
     */
    private static final class FleetImage extends ForwardingImage {
        private final List<Layer> layers;

        FleetImage(Image image, List<Layer> layers) {
            super(image);
            this.layers = layers;
        }

        @Override
        public List<Layer> layers() {
            return layers;
        }

        @Override
        public Optional<DerivedStore> derivedStore() {
            return Optional.empty();
        }
    }
}
