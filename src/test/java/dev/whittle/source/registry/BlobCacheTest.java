package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobCacheTest {
    @TempDir
    Path dir;

    private long files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** A killed run's temp files go on the next write; a fresh one may be another run's write in progress. */
    @Test
    void aWriteSweepsTempFilesOlderThanADayAndKeepsFreshOnes() throws IOException {
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        Path stale = Files.writeString(blobs.resolve("0123456789ab.111.partial"), "half a blob");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(BlobCache.STALE).minusSeconds(60)));
        Path fresh = Files.writeString(blobs.resolve("0123456789ab.222.partial"), "being written");
        Path other = Files.writeString(blobs.resolve("notes.txt"), "not ours to delete");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(BlobCache.STALE).minusSeconds(60)));
        byte[] bytes = "a blob".getBytes(StandardCharsets.UTF_8);
        new BlobCache(dir).store(Digest.sha256(bytes), bytes);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
        assertThat(blobs.resolve(Digest.sha256(bytes).hex())).exists();
    }

    @Test
    void store_verifiesThenRenames_andFindChecksTheSize() throws IOException {
        BlobCache cache = new BlobCache(dir);
        byte[] bytes = "layer bytes".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        Path p = cache.store(d, bytes.length, new ByteArrayInputStream(bytes), n -> { });
        assertThat(p).isEqualTo(dir.resolve("blobs/sha256/" + d.hex()));
        assertThat(cache.find(d, bytes.length)).contains(p);
        assertThat(cache.find(d, bytes.length + 1)).isEmpty();
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void wrongBytesOrWrongSize_leaveNothingBehind() throws IOException {
        BlobCache cache = new BlobCache(dir);
        byte[] bytes = "expected".getBytes(StandardCharsets.UTF_8);
        Digest d = Digest.sha256(bytes);
        assertThatThrownBy(() -> cache.store(d, bytes.length, new ByteArrayInputStream("expectes".getBytes()),
                n -> { }))
                .isInstanceOf(DigestMismatchException.class);
        assertThatThrownBy(() -> cache.store(d, 3, new ByteArrayInputStream(bytes), n -> { }))
                .isInstanceOf(InputException.class).hasMessageContaining("larger than its declared 3 bytes");
        assertThatThrownBy(() -> cache.store(d, 100, new ByteArrayInputStream(bytes), n -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after 8 of 100 bytes");
        assertThat(files()).isZero();
    }

    @Test
    void defaultDir_followsXdgCacheHome() {
        Path home = Path.of("/home/u");
        assertThat(BlobCache.defaultDir(Map.of(), home)).isEqualTo(Path.of("/home/u/.cache/whittle"));
        assertThat(BlobCache.defaultDir(Map.of("XDG_CACHE_HOME", "/xdg"), home)).isEqualTo(Path.of("/xdg/whittle"));
    }
}
