package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FilesystemLoader#loadAndUse}: on an uncompressed docker-archive the layers are indexed by seeking and hashed
 * apart, and the work on the union runs while the hashing ends; the work sees the same union a plain load builds,
 * and a changed byte anywhere still fails the whole call, after the work, with nothing of it returned.
 */
class LoadAndUseTest {
    @TempDir
    Path tmp;

    private static final TestImage IMAGE = TestImage.builder()
            .layer(manyFiles("base", 40, 2_000), "ADD rootfs /")
            .layer(LayerTarBuilder.layer().file("usr/bin/tool", 150_000).file("base/f3", 10), "RUN install tool")
            .layer(manyFiles("app", 25, 30_000), "COPY app /app")
            .layer(LayerTarBuilder.layer().whiteout("base/f7").file("etc/conf", "x=1\n"), "RUN configure")
            .build();

    private static LayerTarBuilder manyFiles(String dir, int n, int size) {
        LayerTarBuilder b = LayerTarBuilder.layer().dir(dir);
        for (int i = 0; i < n; i++) {
            b.file(dir + "/f" + i, size + i);
        }
        return b;
    }

    @Test
    void theWorkSeesTheUnionAPlainLoadBuilds() throws IOException {
        Path archive = write(IMAGE);
        String plain;
        try (Image img = open(archive)) {
            assertThat(img.layers()).allMatch(Layer::verifiesApart);
            plain = describe(FilesystemLoader.load(img));
        }
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        Recording cache = new Recording();
        String apart;
        try (Image img = open(archive)) {
            apart = FilesystemLoader.loadAndUse(img, (bytes, done, all) -> progress.add(bytes + " " + done + "/" + all),
                    2, cache, ContentCapture.NONE, LoadAndUseTest::describe);
        }
        assertThat(apart).isEqualTo(plain);
        long tarBytes = 0;
        for (int i = 0; i < IMAGE.layerCount(); i++) {
            tarBytes += IMAGE.layerTar(i).length;
        }
        assertThat(progress).contains(tarBytes + " 4/4"); // every byte counted once: by the hashing, not the index
        assertThat(cache.stored).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    /** A byte the index never reads (inside a file's content): the work runs, then the check fails the call. */
    @Test
    void aChangedByteInsideSkippedContentFailsAfterTheWorkAndStoresNothingOfThatLayer() throws IOException {
        Path archive = write(IMAGE);
        flipInside(archive, IMAGE.layerTar(2), 512 + 17_000); // inside app/f0's content
        AtomicBoolean worked = new AtomicBoolean();
        Recording cache = new Recording();
        try (Image img = open(archive)) {
            assertThatThrownBy(() -> FilesystemLoader.loadAndUse(img, LoadProgress.NONE, 2, cache,
                    ContentCapture.NONE, u -> {
                        worked.set(true);
                        return describe(u);
                    }))
                    .isInstanceOf(DigestMismatchException.class)
                    .hasMessageStartingWith("layer 2 (" + IMAGE.diffIds().get(2) + "): digest mismatch");
        }
        assertThat(worked).isTrue(); // the union was ready before the hashing ended: the check came after
        assertThat(cache.stored).doesNotContain(2);
    }

    /** The first failing layer in layer order decides, whether it failed its digest or its headers. */
    @Test
    void theFirstFailingLayerDecidesWhetherDigestOrHeader() throws IOException {
        TestImage broken = TestImage.builder()
                .layer(manyFiles("base", 10, 5_000), "ADD rootfs /")
                .layer(LayerTarBuilder.layer().file("../escape", 10), "RUN evil")
                .layer(manyFiles("app", 10, 5_000), "COPY app /app")
                .build();
        Path archive = write(broken);
        flipInside(archive, broken.layerTar(2), 512 + 4_000);
        try (Image img = open(archive)) { // layer 1's header fails before layer 2's digest
            assertThatThrownBy(() -> FilesystemLoader.loadAndUse(img, LoadProgress.NONE, 2,
                    LayerIndexCache.NONE, ContentCapture.NONE, u -> "never"))
                    .isInstanceOf(InputException.class).isNotInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining("layer 1").hasMessageContaining("path escapes the image root");
        }
        flipInside(archive, broken.layerTar(0), 512 + 1_000);
        try (Image img = open(archive)) { // now layer 0's digest fails first
            assertThatThrownBy(() -> FilesystemLoader.loadAndUse(img, LoadProgress.NONE, 2,
                    LayerIndexCache.NONE, ContentCapture.NONE, u -> "never"))
                    .isInstanceOf(DigestMismatchException.class).hasMessageContaining("layer 0");
        }
    }

    /** A failing work on unverified bytes is reported as the digest failure, its truer cause. */
    @Test
    void aFailedCheckOutranksTheWorksOwnFailure() throws IOException {
        Path archive = write(IMAGE);
        flipInside(archive, IMAGE.layerTar(1), 512 + 90_000);
        try (Image img = open(archive)) {
            assertThatThrownBy(() -> FilesystemLoader.loadAndUse(img, LoadProgress.NONE, 2,
                    LayerIndexCache.NONE, ContentCapture.NONE, u -> {
                        throw new IllegalStateException("the work tripped over odd data");
                    }))
                    .isInstanceOf(DigestMismatchException.class).hasMessageContaining("layer 1");
        }
    }

    private Path write(TestImage image) {
        Path archive = tmp.resolve("img-" + System.nanoTime() + ".tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        return archive;
    }

    private static Image open(Path archive) {
        return ImageSources.open(ImageReference.parse("docker-archive:" + archive), SourceOptions.defaults());
    }

    /** Flips one byte at {@code offset} into the layer tar {@code layer}, found verbatim in the archive. */
    private static void flipInside(Path archive, byte[] layer, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        int at = indexOf(bytes, layer);
        assertThat(at).as("the layer tar inside the archive").isNotNegative();
        bytes[at + offset] ^= 1;
        Files.write(archive, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Everything a measurement reads: each layer's entries, sizes and the union's visible files. */
    private static String describe(UnionView u) {
        StringBuilder out = new StringBuilder();
        out.append(u.contentBytes()).append(' ').append(u.visibleBytes()).append('\n');
        u.layerStats().forEach(s -> out.append(s).append('\n'));
        u.walk("/", Integer.MAX_VALUE).forEach(e -> out.append(e).append('\n'));
        for (int l = 0; l < u.layers().size(); l++) {
            u.changes(l).forEach(c -> out.append(c).append('\n'));
        }
        return out.toString();
    }

    /** A cache that finds nothing and records which layers were stored. */
    private static final class Recording implements LayerIndexCache {
        final Set<Integer> stored = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<LayerIndex> find(Layer layer, PathTable paths) {
            return Optional.empty();
        }

        @Override
        public void store(Layer layer, LayerIndex index) {
            stored.add(layer.index());
        }

        @Override
        public boolean restoreCaptured(Layer layer, CachedCapture capture) {
            return false;
        }

        @Override
        public void storeCaptured(Layer layer, CachedCapture capture) {
        }
    }
}
