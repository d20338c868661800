package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.fs.CachedCapture;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.source.BlobLayer;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim protocol on a real SQLite file, with several "shards" in one JVM. */
class LayerClaimsTest {
    private static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\nPRETTY_NAME=\"Debian 12\"\n")
                    .file("bin/sh", 4_000).dir("var/lib/apt/lists")
                    .file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", 3_000),
                    "ADD rootfs.tar /")
            .emptyStep("/bin/sh -c #(nop)  CMD [\"bash\"]")
            .layer(LayerTarBuilder.layer().file("app/run", 1_000), "COPY run /app/")
            .build();

    @TempDir
    Path tmp;
    FleetDatabase db;
    Connections connections;

    @BeforeEach
    void open() {
        db = FleetDatabase.open(tmp.resolve("fleet.db").toString());
        connections = new Connections(db);
    }

    @AfterEach
    void close() {
        connections.close();
        db.close();
    }

    /** The image's only layer, counting how often its blob is opened. */
    static Layer layer(AtomicInteger opened) {
        byte[] blob = IMAGE.layerBlob(0, LayerCompression.GZIP);
        Descriptor d = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(blob), blob.length);
        return new BlobLayer(0, IMAGE.diffIds().get(0), d, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(blob);
        }, SourceOptions.defaults());
    }

    LayerClaims claims(String shard, String process, Duration timeout) {
        return new LayerClaims(connections, shard, shard + "@" + process, timeout, Clock.systemUTC());
    }

    /** Reads the layer as the loader does when {@code find} says it is ours: index, capture, store both. */
    static void readAndStore(LayerClaims claims, Layer layer) {
        Explainer.Pass pass = Explainer.prepare(ExplainOptions.DEFAULTS);
        LayerIndex index;
        try (java.io.InputStream tar = layer.openTar()) {
            index = dev.whittle.fs.LayerIndexer.index(tar, layer.index(), "layer 0", new PathTable(), pass.capture());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        claims.store(layer, index);
        claims.storeCaptured(layer, (CachedCapture) pass.capture());
    }

    @Test
    void theFirstClaimReadsAndEveryOtherShardWaitsForItsIndex() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Layer layer = layer(opened);
        try (LayerClaims a = claims("s/0/2", "a:1", Duration.ofMinutes(10));
             LayerClaims b = claims("s/1/2", "b:2", Duration.ofMinutes(10))) {
            assertThat(a.find(layer, new PathTable())).isEmpty(); // a claimed it
            CompletableFuture<Optional<LayerIndex>> waiting = CompletableFuture.supplyAsync(
                    () -> b.find(layer, new PathTable()));
            Thread.sleep(400);
            assertThat(waiting).as("b waits while a reads").isNotDone();
            readAndStore(a, layer);
            Optional<LayerIndex> got = waiting.get(10, TimeUnit.SECONDS);
            assertThat(got).isPresent();
            assertThat(got.get().size()).isEqualTo(9); // 5 entries written, 4 parent directories implied
            assertThat(a.analysed()).isEqualTo(1);
            assertThat(b.analysed()).isZero();
            assertThat(b.reused()).isEqualTo(1);
        }
    }

    @Test
    void aClaimNobodyRefreshesIsTakenOverAfterTheTimeoutAndAShardsOwnRerunTakesItAtOnce() throws Exception {
        Layer layer = layer(new AtomicInteger());
        LayerClaims dead = claims("s/0/2", "dead:1", Duration.ofMinutes(10));
        assertThat(dead.find(layer, new PathTable())).isEmpty();
        dead.close(); // killed: its heartbeat stops, its claim stays
        try (LayerClaims other = claims("s/1/2", "b:2", Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            assertThat(other.find(layer, new PathTable())).as("taken over").isEmpty();
            assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
        }
        try (LayerClaims rerun = claims("s/1/2", "b:3", Duration.ofMinutes(10))) {
            long start = System.nanoTime();
            assertThat(rerun.find(layer, new PathTable())).as("the same shard's claim, taken at once").isEmpty();
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
            readAndStore(rerun, layer);
        }
        try (LayerClaims later = claims("t/0/1", "c:4", Duration.ofMinutes(10))) {
            assertThat(later.find(layer, new PathTable())).isPresent();
        }
    }

    @Test
    void aLiveShardsClaimIsKeptAliveByItsHeartbeat() throws Exception {
        Layer layer = layer(new AtomicInteger());
        try (LayerClaims slow = claims("s/0/2", "slow:1", Duration.ofSeconds(1));
             LayerClaims other = claims("s/1/2", "b:2", Duration.ofSeconds(1))) {
            assertThat(slow.find(layer, new PathTable())).isEmpty();
            CompletableFuture<Optional<LayerIndex>> waiting = CompletableFuture.supplyAsync(
                    () -> other.find(layer, new PathTable()));
            Thread.sleep(2_500); // past the timeout: only the heartbeat keeps the claim
            assertThat(waiting).as("the live claim is respected").isNotDone();
            readAndStore(slow, layer);
            assertThat(waiting.get(10, TimeUnit.SECONDS)).isPresent();
            assertThat(other.analysed()).isZero();
        }
    }

    @Test
    void anImageIsExplainedTheSameFromStoredIndexesAsFromItsLayers() {
        AtomicInteger opened = new AtomicInteger();
        Layer layer = layer(opened);
        dev.whittle.source.ImageAssembly assembly = new dev.whittle.source.ImageAssembly("test", "test",
                SourceOptions.defaults()).config(IMAGE.configBytes(), "config");
        for (int i = 0; i < IMAGE.layerCount(); i++) {
            byte[] blob = IMAGE.layerBlob(i, LayerCompression.GZIP);
            assembly.layer(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(blob),
                    blob.length), () -> {
                opened.incrementAndGet();
                return new ByteArrayInputStream(blob);
            });
        }
        dev.whittle.source.Image image = assembly.build();
        try (LayerClaims first = claims("s/0/1", "a:1", Duration.ofMinutes(10));
             LayerClaims second = claims("u/0/1", "b:2", Duration.ofMinutes(10))) {
            Explainer.Pass p1 = Explainer.prepare(ExplainOptions.DEFAULTS);
            UnionView read = FilesystemLoader.load(image, LoadProgress.NONE, 1, first, p1.capture());
            int afterRead = opened.get();
            Explainer.Pass p2 = Explainer.prepare(ExplainOptions.DEFAULTS);
            UnionView stored = FilesystemLoader.load(image, LoadProgress.NONE, 1, second, p2.capture());
            assertThat(opened.get()).as("the second load reads nothing").isEqualTo(afterRead);
            assertThat(p2.explain(image, stored).findings()).isEqualTo(p1.explain(image, read).findings())
                    .anySatisfy(f -> assertThat(f.title()).contains("Debian 12")) // read from os-release
                    .anySatisfy(f -> assertThat(f.title()).contains("apt package lists"));
        }
    }
}
