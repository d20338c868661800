package dev.whittle.source.registry;

import dev.whittle.cache.CacheOptions;
import dev.whittle.cache.LayerCache;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.ImageReference;
import dev.whittle.image.Manifest;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.Platform;
import dev.whittle.source.BlobOpener;
import dev.whittle.source.DerivedStore;
import dev.whittle.source.Image;
import dev.whittle.source.ImageAssembly;
import dev.whittle.source.ProgressBar;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens a {@code docker://} image: resolves tag and platform from the manifests, takes the config from the cache or
 * the registry, and starts fetching every layer into the content-addressed cache at once. Layers then read from the
 * cached files through the shared {@link dev.whittle.source.BlobLayer} machinery (decompression, diff id check,
 * bomb guard). With {@code useCache=false} a temp cache is used and deleted when the image is closed.
 */
public final class RegistryImageSource {
    private static final int MAX_CONFIG_BYTES = 8 << 20;

    private RegistryImageSource() {
    }

    /** Opens the image; the caller closes it. */
    public static Image open(ImageReference.Registry ref, SourceOptions options) {
        RegistryClient client = RegistryClient.connect(ref.registry(), options.registry());
        return open(ref, options, client, cacheDir(options));
    }

    /** As {@link #open(ImageReference.Registry, SourceOptions)} with a given client and cache dir (null: temp). */
    public static Image open(ImageReference.Registry ref, SourceOptions options, RegistryClient client,
                             Path cacheDir) {
        client.ping();
        FetchedManifest fetched = client.manifest(ref.repository(), ref.tagOrDigest());
        Platform indexPlatform = null;
        if (fetched.isIndex()) {
            Descriptor chosen = PlatformSelector.select(fetched.index(), options.platform(), fetched.what());
            indexPlatform = chosen.platform();
            fetched = client.manifest(ref.repository(), chosen.digest().toString());
            if (fetched.isIndex()) {
                throw new dev.whittle.image.InputException(fetched.what() + " is a nested index; name one of its"
                        + " images by digest");
            }
        }
        Manifest manifest = fetched.manifest();
        Path temp = null;
        LayerDownloads started = null;
        try {
            if (cacheDir == null) {
                temp = TempFiles.createDirectory("whittle-pull");
            }
            BlobCache cache = new BlobCache(cacheDir != null ? cacheDir : temp);
            byte[] config = config(client, ref.repository(), manifest.config(), cache);
            long total = manifest.layers().stream().mapToLong(Descriptor::size).sum();
            LayerDownloads downloads = new LayerDownloads(client, ref.repository(), manifest.layers(), cache,
                    ProgressBar.start("Pulling " + ref.display(), total));
            started = downloads;
            ImageAssembly assembly = new ImageAssembly(ref.display(), "docker registry (" + kind(fetched) + ")",
                    options)
                    .config(config, "config " + manifest.config().digest() + " of " + ref.display())
                    .manifestDigest(fetched.digest()).platform(indexPlatform)
                    .tags(ref.tag() != null ? List.of(ref.registry() + "/" + ref.repository() + ":" + ref.tag())
                            : List.of());
            LayerCache shared = cacheDir == null ? null
                    : new LayerCache(cacheDir, options.cache().maxBytes(), LayerCache.OutputFilter.NONE);
            if (shared != null && options.verify()) {
                assembly.derivedStore(DerivedStore.of(shared)); // only verified layers may feed the cache
            }
            for (Descriptor layer : manifest.layers()) {
                assembly.layer(layer, new CachedBlob(downloads, layer));
            }
            Path toDelete = temp;
            return assembly.onClose(() -> {
                downloads.close();
                deleteTree(toDelete);
                if (shared != null) {
                    shared.wrote(); // blobs may have arrived: keep the cap
                    shared.enforceCap();
                }
            }).build();
        } catch (IOException | RuntimeException e) {
            // a config that does not match the manifest: stop the downloads already under way
            if (started != null) {
                started.close();
            }
            deleteTree(temp);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * The cache dir: the shared layer cache's when the options name one, else the registry options' own, else the
     * default; null when the registry options turn the cache off.
     */
    static Path cacheDir(SourceOptions options) {
        SourceOptions.RegistryOptions registry = options.registry();
        if (!registry.useCache()) {
            return null;
        }
        if (options.cache().enabled()) {
            return options.cache().dir();
        }
        return registry.cacheDir() != null ? registry.cacheDir()
                : CacheOptions.defaultDir(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private static byte[] config(RegistryClient client, String repository, Descriptor d, BlobCache cache)
            throws IOException {
        Optional<Path> cached = cache.find(d.digest(), d.size());
        if (cached.isPresent()) {
            return Files.readAllBytes(cached.get());
        }
        byte[] bytes = client.smallBlob(repository, d, MAX_CONFIG_BYTES);
        cache.store(d.digest(), bytes);
        ImageJson.tree(bytes, "config " + d.digest());
        return bytes;
    }

    private static String kind(FetchedManifest m) {
        return MediaTypes.OCI_MANIFEST.equals(m.mediaType()) ? "OCI manifest"
                : MediaTypes.DOCKER_MANIFEST.equals(m.mediaType()) ? "Docker v2 manifest"
                : String.valueOf(m.mediaType());
    }

    /** Opens a layer from the cache, or as its download arrives; seekable once it is a plain local file. */
    private record CachedBlob(LayerDownloads downloads, Descriptor blob) implements BlobOpener {
        @Override
        public InputStream open() throws IOException {
            return downloads.open(blob.digest());
        }

        /** The first bytes as soon as they arrive: a sniff never waits for the whole download. */
        @Override
        public byte[] head(int n) throws IOException {
            return downloads.head(blob.digest(), n);
        }

        @Override
        public boolean seekable() {
            return downloads.stored(blob.digest());
        }

        @Override
        public boolean arriving() {
            return !downloads.stored(blob.digest());
        }

        @Override
        public boolean digestChecked() {
            return downloads.downloadedHere(blob.digest());
        }

        /** Registry blobs are content-addressed: the digest names the bytes wherever they come from. */
        @Override
        public Object location() {
            return blob.digest();
        }

        /** Registry blobs are content-addressed: what the cache learned under a diff id holds for every copy. */
        @Override
        public boolean known(Digest blobDigest, Digest diffId) {
            return true;
        }

        @Override
        public RuntimeException failure(RuntimeException readError) {
            return downloads.failure(blob.digest(), readError);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
