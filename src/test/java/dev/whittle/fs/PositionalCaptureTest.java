package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.PositionalInput;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture reading a docker-archive's uncompressed layers without their digests checked gets contents it can read by
 * position ({@link PositionalInput}): the file's own bytes at any offset, its stream left where it was; a verified read
 * hashes every byte in order and offers plain streams; an entry cut short by its layer's end fails the load.
 */
class PositionalCaptureTest {
    @TempDir
    Path tmp;

    private static final byte[] BLOB = pattern(300_000);

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 8));
        }
        return b;
    }

    /** Reads {@code /data/blob.bin} at a few places by position (where it may), then its first bytes in order. */
    private static final class AtPlaces implements ContentCapture {
        final Map<String, Object> seen = new ConcurrentHashMap<>();

        @Override
        public boolean wants(int layer, String path, long size) {
            return path.equals("/data/blob.bin");
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) throws IOException {
            seen.put("positional", content instanceof PositionalInput);
            if (content instanceof PositionalInput at) {
                byte[] middle = new byte[1000];
                at.readFullyAt(123_456, middle, 0, middle.length);
                seen.put("middle", middle);
                byte[] last = new byte[10];
                seen.put("last", at.readAt(size - 1, last, 0, 10) + ":" + last[0]);
                seen.put("past", at.readAt(size, last, 0, 10));
            }
            seen.put("first", content.readNBytes(16)); // in order, from the start: the reads above moved nothing
        }
    }

    private Image write(TestImage image, boolean verify) {
        Path archive = tmp.resolve("img-" + System.nanoTime() + ".tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        return ImageSources.open(ImageReference.parse("docker-archive:" + archive),
                SourceOptions.defaults().withVerify(verify));
    }

    private static TestImage image() {
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().file("etc/a", 700).file("data/blob.bin", BLOB).file("z", 3), "ADD")
                .build();
    }

    @Test
    void anUnverifiedLocalLayerGivesContentReadableAtAnyPosition() {
        AtPlaces capture = new AtPlaces();
        try (Image img = write(image(), false)) {
            FilesystemLoader.load(img, LoadProgress.NONE, 2, capture);
        }
        assertThat(capture.seen).containsEntry("positional", true).containsEntry("past", -1)
                .containsEntry("last", "1:" + BLOB[BLOB.length - 1]);
        assertThat((byte[]) capture.seen.get("middle")).isEqualTo(Arrays.copyOfRange(BLOB, 123_456, 124_456));
        assertThat((byte[]) capture.seen.get("first")).isEqualTo(Arrays.copyOf(BLOB, 16));
    }

    @Test
    void aVerifiedReadOffersAPlainStream() {
        AtPlaces capture = new AtPlaces();
        try (Image img = write(image(), true)) {
            FilesystemLoader.load(img, LoadProgress.NONE, 2, capture);
        }
        assertThat(capture.seen).containsEntry("positional", false);
        assertThat((byte[]) capture.seen.get("first")).isEqualTo(Arrays.copyOf(BLOB, 16));
    }

    @Test
    void aReadPastWhereTheLayerEndsFailsTheLoad() {
        byte[] whole = LayerTarBuilder.layer().file("data/blob.bin", BLOB).build();
        byte[] cut = Arrays.copyOf(whole, 512 + 200_000); // the header claims 300,000 bytes; 200,000 follow
        TestImage image = TestImage.builder().layer(cut, "ADD").build();
        AtPlaces capture = new AtPlaces();
        try (Image img = write(image, false)) {
            assertThatThrownBy(() -> FilesystemLoader.load(img, LoadProgress.NONE, 2, capture))
                    .isInstanceOf(InputException.class).hasMessageContaining("truncated")
                    .hasMessageContaining("data/blob.bin");
        }
    }
}
