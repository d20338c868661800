package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer side is driven by hand here, as {@link BlobCache#store} drives it during a download. */
class ArrivingBlobTest {
    @TempDir
    Path dir;

    private final byte[] bytes = new byte[150];
    private final ArrivingBlob blob = new ArrivingBlob();

    ArrivingBlobTest() {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
    }

    @Test
    void readsWhatHasArrivedAndEndsOnlyOnceTheBlobIsStored() throws Exception {
        Path partial = dir.resolve("a.partial");
        write(partial, 100);
        try (InputStream in = blob.open()) {
            assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOf(bytes, 100));
            CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readAll(in));
            Thread.sleep(100);
            assertThat(rest).as("waits for bytes not yet written").isNotDone();
            write(partial, bytes.length);
            Thread.sleep(100);
            assertThat(rest).as("no end of stream before the download is stored").isNotDone();
            Path stored = dir.resolve("blob");
            Files.move(partial, stored);
            blob.finished(stored, null);
            assertThat(rest.get(5, TimeUnit.SECONDS)).isEqualTo(Arrays.copyOfRange(bytes, 100, bytes.length));
        }
    }

    @Test
    void aRetryStartsANewFileAndTheReaderGoesOnFromItsPosition() throws Exception {
        Path first = dir.resolve("1.partial");
        write(first, 30);
        InputStream in = blob.open();
        assertThat(in.readNBytes(30)).isEqualTo(Arrays.copyOf(bytes, 30));
        Files.delete(first); // the attempt broke off; the cache deletes its temp file
        Path second = dir.resolve("2.partial");
        write(second, 20); // not yet past the reader
        CompletableFuture<byte[]> rest = CompletableFuture.supplyAsync(() -> readAll(in));
        Thread.sleep(100);
        assertThat(rest).isNotDone();
        write(second, bytes.length);
        blob.finished(second, null);
        assertThat(rest.get(5, TimeUnit.SECONDS)).isEqualTo(Arrays.copyOfRange(bytes, 30, bytes.length));
        in.close();
    }

    @Test
    void closingEarlyWaitsForTheDigestVerdictAndReportsAMismatch() throws Exception {
        write(dir.resolve("a.partial"), 10);
        InputStream in = blob.open();
        assertThat(in.read(new byte[5])).isEqualTo(5);
        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(100);
        assertThat(closed).as("a reader that stops early still learns the verdict").isNotDone();
        DigestMismatchException mismatch = new DigestMismatchException("blob sha256:ab", "sha256:ab", "sha256:cd");
        blob.finished(null, mismatch);
        assertThatThrownBy(() -> closed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UncheckedIOException.class).cause().cause().isSameAs(mismatch);
    }

    @Test
    void aFailedDownloadFailsTheReadWithItsOwnErrorAndCloseDoesNotRepeatIt() throws Exception {
        write(dir.resolve("a.partial"), 10);
        InputStream in = blob.open();
        in.readNBytes(10);
        DigestMismatchException mismatch = new DigestMismatchException("blob sha256:ab", "sha256:ab", "sha256:cd");
        blob.finished(null, mismatch);
        assertThatThrownBy(in::read).isSameAs(mismatch);
        in.close(); // try-with-resources would otherwise add the exception to itself as suppressed
    }

    /** The download has written the blob's first {@code n} bytes to {@code file}. */
    private void write(Path file, int n) throws IOException {
        boolean fresh = !Files.exists(file);
        Files.write(file, Arrays.copyOf(bytes, n));
        if (fresh) {
            blob.started(file);
        }
        blob.wrote(n);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
