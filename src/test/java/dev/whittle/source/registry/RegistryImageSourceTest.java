package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.image.Platform;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.SourceOptions.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code docker://} images opened through {@link ImageSources} from a real registry, layers read as tars. */
@Tag("integration")
class RegistryImageSourceTest {
    static final List<byte[]> LAYERS = RegistryFixtures.layers("img", 4, 40_000);
    /** More layers than parallel downloads, so some wait their turn. */
    static final List<byte[]> CORRUPT = RegistryFixtures.layers("corrupt", 3, 30_000);
    static final List<byte[]> LARGE = RegistryFixtures.layers("large", 20, 1 << 20);

    @TempDir
    static Path work;
    static LocalRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(RegistryFixtures.toolsPresent(), "docker-registry and skopeo are needed");
        registry = LocalRegistry.start(work, null, null);
        RegistryFixtures.push(registry, work, "team/img:oci", LAYERS, "oci");
        RegistryFixtures.push(registry, work, "team/img:docker", LAYERS, "v2s2");
        RegistryFixtures.pushIndex(registry, work, "team/multi:1");
        RegistryFixtures.push(registry, work, "team/large:1", LARGE, "oci");
        RegistryFixtures.push(registry, work, "team/corrupt:1", CORRUPT, "oci");
        Path data = blobData(work, Digest.sha256(CORRUPT.get(1)));
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(data, bytes);
    }

    /** Where docker-registry's filesystem storage keeps a blob's bytes. */
    static Path blobData(Path root, Digest d) {
        return root.resolve("storage/docker/registry/v2/blobs/sha256/" + d.hex().substring(0, 2) + "/" + d.hex()
                + "/data");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static SourceOptions options(Path cache, boolean useCache) {
        return SourceOptions.defaults().withRegistry(new RegistryOptions(null, true, false, useCache, cache));
    }

    /** Reads every layer to the end (which checks digests and diff ids) and lists its entry names. */
    static List<String> entries(Image image) throws IOException {
        List<String> names = new ArrayList<>();
        for (Layer layer : image.layers()) {
            try (InputStream in = layer.openTar(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    names.add(e.getName());
                }
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        return names;
    }

    @Test
    void ociAndDockerV2_openReadAndVerify() throws IOException {
        for (String tag : List.of("oci", "docker")) {
            Path cache = work.resolve("cache-" + tag);
            ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/img:" + tag);
            try (Image image = ImageSources.open(ref, options(cache, true))) {
                assertThat(image.format()).startsWith("docker registry (");
                assertThat(image.layers()).hasSize(4);
                assertThat(image.layers()).extracting(l -> l.blob().digest())
                        .containsExactlyElementsOf(LAYERS.stream().map(Digest::sha256).toList());
                assertThat(image.layers()).allMatch(Layer::compressed);
                assertThat(entries(image)).contains("img/layer0.bin", "img/layer3.bin", "img/id2");
                assertThat(image.tags()).containsExactly(registry.host() + "/team/img:" + tag);
            }
        }
    }

    @Test
    void warmCache_readsLayersWithoutTheRegistryHavingThem() throws IOException {
        Path cache = work.resolve("cache-warm");
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/img:oci");
        try (Image image = ImageSources.open(ref, options(cache, true))) {
            entries(image);
        }
        for (byte[] layer : LAYERS) {
            assertThat(new BlobCache(cache).find(Digest.sha256(layer), layer.length)).isPresent();
        }
        try (RegistryWithoutLayers gone = new RegistryWithoutLayers(work, LAYERS)) {
            try (Image image = ImageSources.open(ref, options(cache, true))) {
                assertThat(entries(image)).contains("img/layer0.bin");
            }
        }
    }

    @Test
    void noCache_usesATempDirGoneAfterClose() throws IOException {
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/img:docker");
        Path unused = work.resolve("never");
        long before = tempPullDirs();
        try (Image image = ImageSources.open(ref, options(unused, false))) {
            entries(image);
        }
        assertThat(Files.exists(unused)).isFalse();
        assertThat(tempPullDirs()).isEqualTo(before);
    }

    @Test
    void index_opensTheRequestedPlatform() throws IOException {
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/multi:1");
        try (Image image = ImageSources.open(ref, options(work.resolve("cache-multi"), true)
                .withPlatform(Platform.parse("linux/arm64")))) {
            assertThat(image.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
            assertThat(image.layers()).hasSize(3);
            assertThat(entries(image)).contains("arm/layer2.bin");
        }
    }

    private static long tempPullDirs() throws IOException {
        try (Stream<Path> s = Files.list(dev.whittle.source.TempFiles.dir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("whittle-pull")).count();
        }
    }

    /** Moves the layer blobs out of the registry's storage for the duration, then puts them back. */
    private static final class RegistryWithoutLayers implements AutoCloseable {
        private final List<Path[]> moved = new ArrayList<>();

        RegistryWithoutLayers(Path root, List<byte[]> layers) throws IOException {
            for (byte[] layer : layers) {
                String hex = Digest.sha256(layer).hex();
                Path data = blobData(root, Digest.sha256(layer));
                Path aside = root.resolve("aside-" + hex);
                Files.move(data, aside);
                moved.add(new Path[] {aside, data});
            }
        }

        @Override
        public void close() throws IOException {
            for (Path[] m : moved) {
                Files.move(m[0], m[1]);
            }
        }
    }

    @Test
    void largeMultiLayerImage_downloadsInParallelAndReadsInOrder() throws IOException {
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/large:1");
        Path cache = work.resolve("cache-large");
        try (Image image = ImageSources.open(ref, options(cache, true))) {
            assertThat(image.layers()).hasSize(20);
            List<String> names = entries(image);
            assertThat(names).filteredOn(n -> n.endsWith(".bin")).hasSize(20);
            assertThat(names.indexOf("large/layer0.bin")).isLessThan(names.indexOf("large/layer19.bin"));
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("blobs/sha256"))) {
            assertThat(blobs.filter(p -> !p.getFileName().toString().endsWith(".partial")).count()).isEqualTo(21);
        }
    }

    /**
     * A blob downloaded in this run was hashed on its way into the cache and is not hashed again; one found in the
     * cache from an earlier run is, so bytes damaged on disk since are caught.
     */
    @Test
    void aCachedBlobDamagedOnDiskAfterItsRunIsCaughtByTheNextRun() throws IOException {
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/img:oci");
        Path cache = work.resolve("cache-damaged");
        Digest layer;
        try (Image image = ImageSources.open(ref, options(cache, true))) {
            assertThat(entries(image)).isNotEmpty();
            layer = image.layers().get(0).blob().digest();
        }
        Path file = new BlobCache(cache).find(layer, -1).orElseThrow();
        byte[] bytes = Files.readAllBytes(file);
        bytes[4] ^= 0x55; // the gzip header's mtime: the same size and the same content, only the digest can tell
        Files.write(file, bytes);
        try (Image image = ImageSources.open(ref, options(cache, true))) {
            assertThatThrownBy(() -> entries(image)).isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(layer.toString());
        }
    }

    @Test
    void registryServingWrongBytes_failsTheLayerAndNeverCachesThem() throws IOException {
        ImageReference ref = ImageReference.parse("docker://" + registry.host() + "/team/corrupt:1");
        Path cache = work.resolve("cache-corrupt");
        Digest bad = Digest.sha256(CORRUPT.get(1));
        try (Image image = ImageSources.open(ref, options(cache, true))) {
            assertThatThrownBy(() -> entries(image)).isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(bad.toString());
        }
        assertThat(new BlobCache(cache).find(bad, CORRUPT.get(1).length)).isEmpty();
        assertThat(new BlobCache(cache).find(Digest.sha256(CORRUPT.get(0)), CORRUPT.get(0).length)).isPresent();
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".partial"))).isEmpty();
        }
    }
}
