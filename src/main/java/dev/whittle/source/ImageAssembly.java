package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.Platform;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts an opened {@link Image} together from what a reader found: the config's exact bytes, the layer blobs (a
 * descriptor and a {@link BlobOpener} each) and identity. It parses the config and checks that it and the blobs
 * agree (no 0-layer images, as many diff ids as layers), so every reader reports those problems the same way.
 *
 * <p>When the options name a layer cache and verification is on, layers stored in local files are recognised by
 * their stat keys ({@link RecognisedRegion}), the image offers the cache's layer indexes, and closing the image
 * keeps the cache under its size cap.
 *
 * <pre>{@code
 * Image img = new ImageAssembly("docker-archive:app.tar", "docker-archive", options)
 *         .config(bytes, "app.tar: config abc.json").tags(repoTags)
 *         .layer(descriptor, opener).onClose(files::close).build();
 * }</pre>
 */
public final class ImageAssembly {
    private final String reference;
    private final String format;
    private final SourceOptions options;
    private final List<Descriptor> blobs = new ArrayList<>();
    private final List<BlobOpener> openers = new ArrayList<>();
    private byte[] rawConfig;
    private String configName;
    private Digest configDigest;
    private Digest manifestDigest;
    private Platform platform;
    private List<String> tags = List.of();
    private Closeable onClose = () -> { };
    private DerivedStore derivedStore;
    private final LayerCache cache;

    /**
     * @param reference how the user names the image (shown in reports)
     * @param format    the container format, e.g. {@code docker-archive (Docker 25+)}
     * @param options   verification and bounds for the layers
     */
    public ImageAssembly(String reference, String format, SourceOptions options) {
        this.reference = reference;
        this.format = format;
        this.options = options;
        this.cache = options.cache().enabled() && options.verify() ? new LayerCache(options.cache()) : null;
    }

    /**
     * The blob digest a verified read of these stored bytes proved in an earlier run, when they are unchanged since
     * (same stat key) and their uncompressed tar was {@code diffId}; empty without a cache. Lets a reader skip
     * hashing a blob only to learn its digest.
     */
    public Optional<Digest> verifiedBlob(BlobOpener opener, Digest diffId) {
        return cache == null ? Optional.empty() : Optional.ofNullable(recognised(opener).knownBlob(diffId));
    }

    /** A local file region as one the cache recognises by its stat key; other openers as they are. */
    private BlobOpener recognised(BlobOpener opener) {
        return opener instanceof FileRegion region && !spooled(region.file()) ? new RecognisedRegion(region, cache)
                : opener;
    }

    /** The config's exact bytes; {@code what} names it in errors. Its digest is their sha256. */
    public ImageAssembly config(byte[] bytes, String what) {
        this.rawConfig = bytes.clone();
        this.configName = what;
        this.configDigest = Digest.sha256(bytes);
        return this;
    }

    /** The manifest digest (null when the source has no manifest, as classic docker-archives). */
    public ImageAssembly manifestDigest(Digest digest) {
        this.manifestDigest = digest;
        return this;
    }

    /** The platform an index entry declared; when null, the config's own is used. */
    public ImageAssembly platform(Platform p) {
        this.platform = p;
        return this;
    }

    public ImageAssembly tags(List<String> t) {
        this.tags = t == null ? List.of() : List.copyOf(t);
        return this;
    }

    /** The next layer blob, base first. */
    public ImageAssembly layer(Descriptor blob, BlobOpener opener) {
        blobs.add(blob);
        openers.add(opener);
        return this;
    }

    /** Where derived data about the layers may be cached across runs (see {@link Image#derivedStore()}). */
    public ImageAssembly derivedStore(DerivedStore store) {
        this.derivedStore = store;
        return this;
    }

    /** What to release when the image is closed (files, temp files). */
    public ImageAssembly onClose(Closeable c) {
        this.onClose = c;
        return this;
    }

    /** Parses the config, checks it against the layers, and returns the image. */
    public Image build() {
        if (rawConfig == null) {
            throw new IllegalStateException("config not set");
        }
        ImageConfig config = ImageJson.config(rawConfig, configName);
        checkLayerCount(reference, config.diffIds().size(), blobs.size());
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            BlobOpener opener = cache != null ? recognised(openers.get(i)) : openers.get(i);
            layers.add(new BlobLayer(i, config.diffIds().get(i), blobs.get(i), opener, options));
        }
        Closeable closer = onClose;
        DerivedStore store = derivedStore;
        if (cache != null) {
            store = store != null ? store : DerivedStore.of(cache);
            closer = () -> {
                try {
                    onClose.close();
                } finally {
                    cache.enforceCap();
                }
            };
        }
        return new OpenedImage(reference, format, manifestDigest, configDigest, config, rawConfig,
                platform != null ? platform : config.platform(), tags, List.copyOf(layers), closer,
                Optional.ofNullable(store));
    }

    /**
     * True for a temp file Whittle itself wrote this run (a decompressed archive, an engine export): its stat key is
     * new on every run, so remembering it would only fill the cache.
     */
    private static boolean spooled(java.nio.file.Path file) {
        try {
            return file.getFileName().toString().startsWith("whittle-")
                    && file.toAbsolutePath().normalize().startsWith(TempFiles.dir().toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails unless the config's diff ids and the manifest's layers agree and there is at least one layer. A manifest
     * with no layers whose config has some is what Docker 25.0.0 wrote; the message says so.
     */
    public static void checkLayerCount(String reference, int diffIds, int layers) {
        if (layers == 0) {
            throw new InputException(reference + ": the image has 0 layers" + (diffIds == 0 ? ""
                    : " but its config names " + diffIds + " diff_ids (a known Docker 25.0.0 export bug:"
                    + " save it again with Docker 25.0.1 or later)"));
        }
        if (diffIds != layers) {
            throw new InputException(reference + ": the config names " + diffIds + " diff_ids but the manifest lists "
                    + layers + (layers == 1 ? " layer" : " layers"));
        }
    }

    /** The assembled image: plain values plus the close action. */
    private record OpenedImage(String reference, String format, Digest manifestDigest, Digest configDigest,
                               ImageConfig config, byte[] raw, Platform platform, List<String> tags,
                               List<Layer> layers, Closeable closer, Optional<DerivedStore> derivedStore)
            implements Image {
        @Override
        public byte[] rawConfig() {
            return raw.clone();
        }

        @Override
        public void close() {
            try {
                closer.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return reference + " (" + format + ", " + layers.size() + " layers)";
        }
    }
}
