package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The loader hands chosen files' content to a capture in the same pass, and indexes exactly as without one. */
class ContentCaptureTest {

    /** Keeps the first {@code limit} bytes of every file whose name ends with {@code suffix}. */
    private static final class Keep implements ContentCapture {
        final Map<String, byte[]> kept = new ConcurrentHashMap<>();
        final Map<String, Long> offered = new ConcurrentHashMap<>();
        final String suffix;
        final int limit;

        Keep(String suffix, int limit) {
            this.suffix = suffix;
            this.limit = limit;
        }

        @Override
        public boolean wants(int layer, String path, long size) {
            offered.put(layer + ":" + path, size);
            return path.endsWith(suffix);
        }

        @Override
        public void accept(int layer, String path, long size, InputStream content) throws IOException {
            kept.put(layer + ":" + path, content.readNBytes(limit));
        }
    }

    @Test
    void capturesChosenFilesAndIndexesTheSameAsWithout() {
        byte[] l0 = layer().file("./app/package.json", "{\"name\":\"a\"}").file("app/big.bin", 5000)
                .symlink("app/link", "package.json").dir("etc").file("etc/os-release", "ID=debian\n").build();
        byte[] l1 = layer().whiteout("app/big.bin").file("app/lib/package.json", "{\"name\":\"b\"}")
                .hardlink("app/hard", "app/lib/package.json").build();
        Keep keep = new Keep(".json", 100);
        UnionView with = FilesystemLoader.load(InMemoryImage.of(l0, l1), LoadProgress.NONE, 2, keep);
        UnionView without = FilesystemLoader.load(InMemoryImage.of(l0, l1));

        assertThat(keep.kept.keySet()).containsExactlyInAnyOrder("0:/app/package.json", "1:/app/lib/package.json");
        assertThat(new String(keep.kept.get("0:/app/package.json"), StandardCharsets.UTF_8)).isEqualTo("{\"name\":\"a\"}");
        assertThat(keep.offered).containsOnlyKeys("0:/app/package.json", "0:/app/big.bin", "0:/etc/os-release",
                "1:/app/lib/package.json").containsEntry("0:/app/big.bin", 5000L);
        assertThat(with.contentBytes()).isEqualTo(without.contentBytes());
        assertThat(with.visibleBytes()).isEqualTo(without.visibleBytes());
        assertThat(with.layers().get(0).tarBytes()).isEqualTo(l0.length);
        assertThat(with.stat("/app/hard")).isPresent();
    }

    @Test
    void aPartlyReadFileIsSkippedToItsEnd() {
        byte[] tar = layer().file("a.txt", 3000).file("b.txt", "after").build();
        Keep keep = new Keep(".txt", 10);
        UnionView u = FilesystemLoader.load(InMemoryImage.of(tar), LoadProgress.NONE, 1, keep);
        assertThat(keep.kept.get("0:/a.txt")).hasSize(10);
        assertThat(keep.kept.get("0:/b.txt")).isEqualTo("after".getBytes(StandardCharsets.UTF_8));
        assertThat(u.stat("/b.txt")).isPresent();
    }

    @Test
    void aTruncatedFileIsAnErrorNamingTheEntry() throws IOException {
        byte[] tar = layer().file("a.txt", 3000).build();
        byte[] cut = Arrays.copyOf(tar, 512 + 1000);
        Keep keep = new Keep(".txt", 5000);
        assertThatThrownBy(() -> LayerIndexer.index(new ByteArrayInputStream(cut), 0, "layer 0", new PathTable(), keep))
                .isInstanceOf(InputException.class)
                .hasMessage("layer 0: entry \"a.txt\": truncated: the header claims 3000 bytes but the stream ends"
                        + " 1000 bytes into them");
    }
}
