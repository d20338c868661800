package dev.whittle.source.registry;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.image.MediaTypes;
import dev.whittle.source.BlobLayer;
import dev.whittle.source.Compression;
import dev.whittle.source.Image;
import dev.whittle.source.ResultCache;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.SourceOptions.RegistryOptions;
import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A layer is inflated and indexed while its blob downloads (see {@link ArrivingBlob}), through a whole
 * {@code docker://} image served by {@link FaultServer}: the bytes a reader sees before the download ends, a retried
 * download, and bytes that fail their digest.
 */
class StreamedLayersTest {
    private static final String REPO = "team/app";
    private static final int FILES = 8;
    private static final int FILE_BYTES = 1 << 20;

    @TempDir
    Path tmp;
    FaultServer server;
    byte[] tar;
    byte[] blob;
    Digest blobDigest;

    @BeforeEach
    void setUp() throws IOException {
        server = new FaultServer();
        // random content does not compress, so the blob's first bytes carry the first files
        Random random = new Random(11);
        LayerTarBuilder b = layer();
        for (int i = 0; i < FILES; i++) {
            byte[] content = new byte[FILE_BYTES];
            random.nextBytes(content);
            b.file("data/f" + i + ".bin", content);
        }
        tar = b.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(tar);
        }
        blob = out.toByteArray();
        blobDigest = Digest.sha256(blob);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aLayerIsIndexedWhileItsBlobIsStillArriving() throws Exception {
        CountDownLatch readerSawBytes = new CountDownLatch(1);
        AtomicBoolean heldUntilRead = new AtomicBoolean();
        serveImage((ex, n) -> {
            // send three quarters, then hold the rest back until the reader has indexed megabytes of the layer
            ex.sendResponseHeaders(200, blob.length);
            OutputStream body = ex.getResponseBody();
            int part = blob.length * 3 / 4;
            body.write(blob, 0, part);
            body.flush();
            heldUntilRead.set(waitFor(readerSawBytes));
            body.write(blob, part, blob.length - part);
            body.close();
        });
        UnionView union;
        try (Image image = open()) {
            union = FilesystemLoader.load(image, (bytes, done, total) -> {
                if (bytes > 0 && done == 0) {
                    readerSawBytes.countDown();
                }
            });
        }
        assertThat(heldUntilRead).as("the loader read the layer before its download ended").isTrue();
        assertThat(union.contentBytes()).isEqualTo((long) FILES * FILE_BYTES);
        assertThat(union.stat("/data/f7.bin")).isPresent();
    }

    @Test
    void aCachedResultIsLookedUpBeforeAnyLayerByteHasArrived() throws Exception {
        CountDownLatch lookedUp = new CountDownLatch(1);
        AtomicBoolean heldUntilLookedUp = new AtomicBoolean();
        serveImage((ex, n) -> {
            // the headers, then nothing until the lookup is over: a lookup that sniffed the blob would wait here
            ex.sendResponseHeaders(200, blob.length);
            OutputStream body = ex.getResponseBody();
            body.flush();
            heldUntilLookedUp.set(waitFor(lookedUp));
            body.write(blob);
            body.close();
        });
        try (Image image = open()) {
            assertThat(ResultCache.of(image).find("inspect", "streamed-layers-test", String.class)).isEmpty();
            lookedUp.countDown();
            assertThat(FilesystemLoader.load(image).contentBytes()).isEqualTo((long) FILES * FILE_BYTES);
        }
        assertThat(heldUntilLookedUp).as("the result cache was asked before the blob's first byte was sent").isTrue();
    }

    @Test
    void sniffingALayersCompressionWaitsForItsFirstBytesNotItsWholeDownload() throws Exception {
        CountDownLatch sniffed = new CountDownLatch(1);
        AtomicBoolean heldUntilSniffed = new AtomicBoolean();
        serveImage((ex, n) -> {
            ex.sendResponseHeaders(200, blob.length);
            OutputStream body = ex.getResponseBody();
            int part = blob.length / 4;
            body.write(blob, 0, part);
            body.flush();
            heldUntilSniffed.set(waitFor(sniffed));
            body.write(blob, part, blob.length - part);
            body.close();
        });
        try (Image image = open()) {
            assertThat(((BlobLayer) image.layers().get(0)).compression()).isEqualTo(Compression.GZIP);
            sniffed.countDown();
            assertThat(FilesystemLoader.load(image).contentBytes()).isEqualTo((long) FILES * FILE_BYTES);
        }
        assertThat(heldUntilSniffed).as("the compression was known before the download ended").isTrue();
        assertThat(new BlobCache(tmp.resolve("cache")).find(blobDigest, blob.length)).isPresent();
    }

    @Test
    void everyArrivingLayerIsReadAsItArrivesNotOnlyOnePerCore() throws Exception {
        // three layers, each sent three quarters and held; a loader given one thread still follows all three, so it
        // reads more than one layer's held bytes before any download ends
        byte[][] tars = new byte[3][];
        byte[][] blobs = new byte[3][];
        Random random = new Random(5);
        for (int l = 0; l < 3; l++) {
            LayerTarBuilder b = layer();
            for (int i = 0; i < FILES; i++) {
                byte[] content = new byte[FILE_BYTES];
                random.nextBytes(content);
                b.file("layer" + l + "/f" + i + ".bin", content);
            }
            tars[l] = b.build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(tars[l]);
            }
            blobs[l] = out.toByteArray();
        }
        CountDownLatch readersSawBytes = new CountDownLatch(1);
        AtomicInteger heldUntilRead = new AtomicInteger();
        serveLayers(tars, blobs, l -> (ex, n) -> {
            ex.sendResponseHeaders(200, blobs[l].length);
            OutputStream body = ex.getResponseBody();
            int part = blobs[l].length * 3 / 4;
            body.write(blobs[l], 0, part);
            body.flush();
            if (waitFor(readersSawBytes)) {
                heldUntilRead.incrementAndGet();
            }
            body.write(blobs[l], part, blobs[l].length - part);
            body.close();
        });
        long oneHeldLayer = tars[0].length * 3L / 4;
        UnionView union;
        try (Image image = open()) {
            union = FilesystemLoader.load(image, (bytes, done, total) -> {
                if (bytes > oneHeldLayer + (1 << 20)) {
                    readersSawBytes.countDown();
                }
            }, 1);
        }
        assertThat(heldUntilRead).as("layers read side by side while their downloads were held").hasValue(3);
        assertThat(union.contentBytes()).isEqualTo(3L * FILES * FILE_BYTES);
    }

    @Test
    void aRetriedDownloadIsFollowedIntoItsNewFile() throws Exception {
        serveImage((ex, n) -> {
            if (n == 0) {
                FaultServer.sendTruncated(ex, blob, blob.length / 2);
            } else {
                FaultServer.send(ex, 200, Map.of(), blob);
            }
        });
        try (Image image = open()) {
            UnionView union = FilesystemLoader.load(image);
            assertThat(union.contentBytes()).isEqualTo((long) FILES * FILE_BYTES);
        }
        assertThat(server.count("/v2/" + REPO + "/blobs/" + blobDigest)).isEqualTo(2);
        assertThat(new BlobCache(tmp.resolve("cache")).find(blobDigest, blob.length)).isPresent();
    }

    @Test
    void bytesThatFailTheirDigestReportTheMismatchNotTheBrokenGzipStream() throws Exception {
        byte[] wrong = blob.clone();
        wrong[10] |= 0x06; // the first deflate block's type becomes the reserved 3: inflating fails at once
        serveImage((ex, n) -> {
            ex.sendResponseHeaders(200, wrong.length);
            OutputStream body = ex.getResponseBody();
            int part = wrong.length / 2;
            body.write(wrong, 0, part);
            body.flush();
            sleep(300); // the reader meets the damage while the download is still under way
            body.write(wrong, part, wrong.length - part);
            body.close();
        });
        try (Image image = open()) {
            assertThatThrownBy(() -> FilesystemLoader.load(image)).isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining(blobDigest.toString());
        }
        assertThat(new BlobCache(tmp.resolve("cache")).find(blobDigest, blob.length)).isEmpty();
    }

    private Image open() {
        RegistryClient client = RegistryClient.connect(server.host(),
                new RegistryOptions(null, true, false, true, null), new CredentialStore(Map.of(), tmp),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5)), Duration.ofSeconds(20));
        ImageReference.Registry ref = ImageReference.parseRegistry(server.host() + "/" + REPO + ":1.0");
        return RegistryImageSource.open(ref, SourceOptions.defaults(), client, tmp.resolve("cache"));
    }

    /** Serves an image of these layers (tars, and the blobs holding them); {@code handler} gives blob l's handler. */
    private void serveLayers(byte[][] tars, byte[][] blobs, IntFunction<FaultServer.Handler> handler) {
        StringBuilder diffIds = new StringBuilder();
        StringBuilder layers = new StringBuilder();
        for (int l = 0; l < tars.length; l++) {
            diffIds.append(l == 0 ? "" : ",").append('"').append(Digest.sha256(tars[l])).append('"');
            layers.append(l == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_LAYER_GZIP)
                    .append("\",\"digest\":\"").append(Digest.sha256(blobs[l])).append("\",\"size\":")
                    .append(blobs[l].length).append('}');
        }
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + diffIds + "]}}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[" + layers + "]}").getBytes(StandardCharsets.UTF_8);
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> FaultServer.send(ex, 200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST), manifest));
        server.on("/v2/" + REPO + "/blobs/" + configDigest, (ex, n) -> FaultServer.send(ex, 200, Map.of(), config));
        for (int l = 0; l < tars.length; l++) {
            server.on("/v2/" + REPO + "/blobs/" + Digest.sha256(blobs[l]), handler.apply(l));
        }
    }

    /** Serves a one-layer image whose layer blob {@code layerHandler} sends. */
    private void serveImage(FaultServer.Handler layerHandler) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digest.sha256(tar) + "\"]},\"history\":[{\"created_by\":\"COPY data /data\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{"
                + "\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":"
                + config.length + "},\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\""
                + blobDigest + "\",\"size\":" + blob.length + "}]}").getBytes(StandardCharsets.UTF_8);
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> FaultServer.send(ex, 200,
                Map.of("Content-Type", MediaTypes.OCI_MANIFEST), manifest));
        server.on("/v2/" + REPO + "/blobs/" + configDigest, (ex, n) -> FaultServer.send(ex, 200, Map.of(), config));
        server.on("/v2/" + REPO + "/blobs/" + blobDigest, layerHandler);
    }

    private static boolean waitFor(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
