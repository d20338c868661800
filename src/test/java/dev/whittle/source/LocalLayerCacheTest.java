package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.cache.CacheOptions;
import dev.whittle.cache.LayerCache;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.report.JsonReport;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.OciLayoutWriter;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local archives and layouts with the layer cache, on real files: a second run recognises unchanged layers by their
 * stat keys and reads none of their bytes, with the same result to the byte; a rewritten file (same size, even the
 * same content) is read and verified again, and a wrong digest still fails.
 */
class LocalLayerCacheTest {
    @TempDir
    Path dir;

    private static final String MARK = "original-content-marker";

    static TestImage image(String top) {
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", 300).dir("usr/lib")
                        .file("usr/lib/big.so", 1 << 20), "ADD rootfs /")
                .layer(LayerTarBuilder.layer().dir("app").file("app/" + top, MARK.getBytes(StandardCharsets.UTF_8)),
                        "COPY " + top + " /app/")
                .repoTag("demo/" + top + ":1").build();
    }

    private SourceOptions options() {
        return SourceOptions.defaults().withCache(CacheOptions.in(dir.resolve("cache")));
    }

    /** The inspect JSON of {@code ref} and how many tar bytes the load read. */
    private record Run(String json, long bytesRead, boolean allKnown) {
    }

    private Run run(String ref, SourceOptions options) {
        AtomicLong bytes = new AtomicLong();
        try (Image img = ImageSources.open(ImageReference.parse(ref), options)) {
            boolean known = img.layers().stream().allMatch(Layer::knownContent);
            UnionView union = FilesystemLoader.load(img, (read, done, total) -> bytes.set(read));
            return new Run(JsonReport.render("inspect", ImageMeasurer.measure(img, union, new MeasureOptions(10, 100))),
                    bytes.get(), known);
        }
    }

    /** Waits out a clock tick, so a key taken now is not racy (a change within the tick could go unnoticed). */
    private static void settle() throws InterruptedException {
        Thread.sleep(60);
    }

    @Test
    void unchangedDockerArchive_isRecognisedWithoutReadingItsLayers() throws Exception {
        for (DockerArchiveVariant variant : new DockerArchiveVariant[] {DockerArchiveVariant.SKOPEO,
                DockerArchiveVariant.KANIKO, DockerArchiveVariant.CLASSIC}) {
            Path archive = dir.resolve(variant + ".tar");
            image("a.txt").writeDockerArchive(archive, variant);
            settle();
            String ref = "docker-archive:" + archive;
            Run plain = run(ref, SourceOptions.defaults());
            Run cold = run(ref, options());
            Run warm = run(ref, options());
            assertThat(cold.allKnown()).as(variant.toString()).isFalse();
            assertThat(cold.bytesRead()).as(variant.toString()).isGreaterThan(1 << 20);
            assertThat(warm.allKnown()).as(variant.toString()).isTrue();
            assertThat(warm.bytesRead()).as(variant.toString()).isZero();
            assertThat(cold.json()).as(variant.toString()).isEqualTo(plain.json());
            assertThat(warm.json()).as(variant.toString()).isEqualTo(plain.json());
        }
    }

    @Test
    void unchangedOciLayout_isRecognisedWithoutReadingItsLayers() throws Exception {
        Path layout = dir.resolve("layout");
        image("a.txt").writeOciLayout(layout, LayerCompression.GZIP, "1");
        settle();
        Run plain = run("oci:" + layout + ":1", SourceOptions.defaults());
        Run cold = run("oci:" + layout + ":1", options());
        Run warm = run("oci:" + layout + ":1", options());
        assertThat(warm.allKnown()).isTrue();
        assertThat(warm.bytesRead()).isZero();
        assertThat(cold.json()).isEqualTo(plain.json());
        assertThat(warm.json()).isEqualTo(plain.json());
    }

    @Test
    void aLayerRewrittenWithTheSameSize_isReadAgain_andAWrongDigestStillFails() throws Exception {
        Path archive = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        settle();
        String ref = "docker-archive:" + archive;
        Run cold = run(ref, options());
        assertThat(run(ref, options()).allKnown()).isTrue();

        // same bytes written again: a new ctime, so the layers are read and verified again (and remembered anew)
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, bytes);
        settle();
        Run again = run(ref, options());
        assertThat(again.allKnown()).isFalse();
        assertThat(again.bytesRead()).isGreaterThan(1 << 20);
        assertThat(again.json()).isEqualTo(cold.json());
        assertThat(run(ref, options()).allKnown()).isTrue();

        // one byte of a file's content changed in place: same size, same mtime restored, wrong diff id
        int at = indexOf(bytes, MARK.getBytes(StandardCharsets.UTF_8));
        var mtime = Files.getLastModifiedTime(archive);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.seek(at);
            f.write('X');
        }
        Files.setLastModifiedTime(archive, mtime);
        assertThat(Files.size(archive)).isEqualTo(bytes.length);
        assertThatThrownBy(() -> run(ref, options())).isInstanceOf(DigestMismatchException.class);
        assertThatThrownBy(() -> run(ref, options())).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void withoutVerification_theCacheIsNeitherUsedNorFilled() throws Exception {
        Path archive = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        settle();
        String ref = "docker-archive:" + archive;
        run(ref, options().withVerify(false));
        assertThat(dir.resolve("cache")).doesNotExist();
        run(ref, options());
        assertThat(run(ref, options().withVerify(false)).allKnown()).isFalse();
    }

    @Test
    void twoImagesSharingABase_inOneLayout_readTheBaseOnce() throws Exception {
        Path layout = dir.resolve("shared");
        OciLayoutWriter writer = new OciLayoutWriter();
        writer.tag(writer.addImage(image("a.txt"), LayerCompression.GZIP), "a");
        writer.tag(writer.addImage(image("b.txt"), LayerCompression.GZIP), "b");
        writer.writeDirectory(layout);
        settle();
        // loaded side by side, as compare does: one waits for the other's read of the base, then uses its index
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> run("oci:" + layout + ":a", options()));
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> run("oci:" + layout + ":b", options()));
        long total = a.get().bytesRead() + b.get().bytesRead();
        long base = image("a.txt").layerTar(0).length;
        assertThat(total).isGreaterThanOrEqualTo(base).isLessThan(base + base / 2);
        assertThat(a.get().json()).isEqualTo(run("oci:" + layout + ":a", SourceOptions.defaults()).json());
        assertThat(b.get().json()).isEqualTo(run("oci:" + layout + ":b", SourceOptions.defaults()).json());
    }

    @Test
    void twoArchivesSharingABase_eachVerifyTheirOwnCopy() throws Exception {
        Path one = dir.resolve("one.tar");
        Path two = dir.resolve("two.tar");
        image("a.txt").writeDockerArchive(one, DockerArchiveVariant.SKOPEO);
        image("b.txt").writeDockerArchive(two, DockerArchiveVariant.SKOPEO);
        settle();
        CompletableFuture<Run> a = CompletableFuture.supplyAsync(() -> run("docker-archive:" + one, options()));
        CompletableFuture<Run> b = CompletableFuture.supplyAsync(() -> run("docker-archive:" + two, options()));
        long base = image("a.txt").layerTar(0).length;
        // another file's copy of a layer is other bytes until read: each archive's base is read and verified
        assertThat(a.get().bytesRead()).isGreaterThanOrEqualTo(base);
        assertThat(b.get().bytesRead()).isGreaterThanOrEqualTo(base);
        assertThat(run("docker-archive:" + two, options()).bytesRead()).isZero();
        assertThat(b.get().json()).isEqualTo(run("docker-archive:" + two, SourceOptions.defaults()).json());
    }

    /** Runs {@code body} with Whittle's temp files in a directory of their own; returns that directory. */
    private Path withOwnTempDir(String name, ThrowingRunnable body) throws Exception {
        Path tmp = Files.createDirectories(dir.resolve(name));
        String previous = System.getProperty("whittle.tmpdir");
        System.setProperty("whittle.tmpdir", tmp.toString());
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty("whittle.tmpdir");
            } else {
                System.setProperty("whittle.tmpdir", previous);
            }
        }
        return tmp;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The bytes of every file Whittle holds in its temp directory {@code tmp} now. */
    private static long tempBytes(Path tmp) throws IOException {
        try (var files = Files.list(tmp)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** As {@link #run}, and the bytes Whittle's temp files held while the image was open. */
    private Run runCounting(String ref, SourceOptions options, Path tmp, AtomicLong spooled) {
        AtomicLong bytes = new AtomicLong();
        try (Image img = ImageSources.open(ImageReference.parse(ref), options)) {
            boolean known = img.layers().stream().allMatch(Layer::knownContent);
            UnionView union = FilesystemLoader.load(img, (read, done, total) -> bytes.set(read));
            String json = JsonReport.render("inspect", ImageMeasurer.measure(img, union, new MeasureOptions(10, 100)));
            spooled.set(tempBytes(tmp));
            return new Run(json, bytes.get(), known);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anUnchangedArchiveCompressedAsAWhole_isNeitherDecompressedNorRead() throws Exception {
        Path archive = dir.resolve("app.tar.gz");
        image("a.txt").writeDockerArchiveGzipped(archive, DockerArchiveVariant.SKOPEO);
        Path demo = dir.resolve("demo-before.tar.gz");
        Files.copy(Path.of("examples/demo-before.tar.gz"), demo);
        settle();
        for (Path file : new Path[] {archive, demo}) {
            String ref = "docker-archive:" + file;
            Run plain = run(ref, SourceOptions.defaults());
            AtomicLong coldSpool = new AtomicLong();
            AtomicLong warmSpool = new AtomicLong();
            Run[] runs = new Run[2];
            withOwnTempDir("tmp-" + file.getFileName(), () -> {
                Path tmp = dir.resolve("tmp-" + file.getFileName());
                runs[0] = runCounting(ref, options(), tmp, coldSpool);
                runs[1] = runCounting(ref, options(), tmp, warmSpool);
            });
            assertThat(runs[0].allKnown()).as(file.toString()).isFalse();
            assertThat(runs[0].bytesRead()).as(file.toString()).isPositive();
            assertThat(coldSpool.get()).as(file.toString()).isPositive(); // decompressed into a temp file
            assertThat(runs[1].allKnown()).as(file.toString()).isTrue();
            assertThat(runs[1].bytesRead()).as(file.toString()).isZero();
            assertThat(warmSpool.get()).as(file.toString()).isZero(); // and not decompressed at all
            assertThat(runs[0].json()).as(file.toString()).isEqualTo(plain.json());
            assertThat(runs[1].json()).as(file.toString()).isEqualTo(plain.json());
        }
        var usage = new LayerCache(options().cache()).usage();
        // the temp file a cold run decompressed into is never remembered; the compressed file is
        assertThat(usage.entries()).filteredOn(e -> e.kind().equals(LayerCache.VERIFIED_FILES)).isEmpty();
        assertThat(usage.entries()).filteredOn(e -> e.kind().equals(LayerCache.ARCHIVE_FILES)).hasSize(2);

        // explain too: its captured files come from the cache, and the archive is not decompressed
        String ref = "docker-archive:" + demo;
        Run plain = explain(ref, SourceOptions.defaults());
        Run cold = explain(ref, options());
        AtomicLong spooled = new AtomicLong();
        Run[] warm = new Run[1];
        withOwnTempDir("tmp-explain", () -> {
            AtomicLong bytes = new AtomicLong();
            try (Image img = ImageSources.open(ImageReference.parse(ref), options())) {
                var explanation = dev.whittle.diagnose.Explainer.explain(img,
                        dev.whittle.diagnose.ExplainOptions.DEFAULTS, (read, done, total) -> bytes.set(read));
                spooled.set(tempBytes(dir.resolve("tmp-explain")));
                warm[0] = new Run(JsonReport.render("explain", explanation), bytes.get(), false);
            }
        });
        assertThat(cold.json()).isEqualTo(plain.json());
        assertThat(warm[0].json()).isEqualTo(plain.json());
        assertThat(warm[0].bytesRead()).isZero();
        assertThat(spooled.get()).isZero();
    }

    @Test
    void aCompressedArchiveRewrittenWithTheSameSize_isReadAgain_andAWrongDigestStillFails() throws Exception {
        Path tar = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(tar, DockerArchiveVariant.SKOPEO);
        byte[] good = Files.readAllBytes(tar);
        Path archive = dir.resolve("app.tar.gz");
        byte[] gz = LayerCompression.storedGzip(good);
        Files.write(archive, gz);
        settle();
        String ref = "docker-archive:" + archive;
        Run cold = run(ref, options());
        assertThat(cold.allKnown()).isFalse();
        Run warm = run(ref, options());
        assertThat(warm.allKnown()).isTrue();
        assertThat(warm.bytesRead()).isZero();

        // the same bytes written again: a new ctime, so it is decompressed, read and verified again
        Files.write(archive, gz);
        settle();
        Run again = run(ref, options());
        assertThat(again.allKnown()).isFalse();
        assertThat(again.bytesRead()).isGreaterThan(1 << 20);
        assertThat(again.json()).isEqualTo(cold.json());
        assertThat(run(ref, options()).allKnown()).isTrue();

        // one byte of a file's content changed: the same compressed size, the mtime restored, a wrong diff id
        byte[] bad = good.clone();
        bad[indexOf(bad, MARK.getBytes(StandardCharsets.UTF_8))] = 'X';
        byte[] badGz = LayerCompression.storedGzip(bad);
        assertThat(badGz).hasSameSizeAs(gz).isNotEqualTo(gz);
        var mtime = Files.getLastModifiedTime(archive);
        Files.write(archive, badGz);
        Files.setLastModifiedTime(archive, mtime);
        assertThatThrownBy(() -> run(ref, options())).isInstanceOf(DigestMismatchException.class);
        settle();
        assertThatThrownBy(() -> run(ref, options())).isInstanceOf(DigestMismatchException.class);
    }

    @Test
    void aDamagedArchiveEntry_isAMiss() throws Exception {
        Path archive = dir.resolve("app.tar.gz");
        image("a.txt").writeDockerArchiveGzipped(archive, DockerArchiveVariant.KANIKO);
        settle();
        String ref = "docker-archive:" + archive;
        Run plain = run(ref, SourceOptions.defaults());
        run(ref, options());
        Path entries = dir.resolve("cache").resolve(LayerCache.ARCHIVE_FILES).resolve("sha256");
        Path entry;
        try (var list = Files.list(entries)) {
            entry = list.findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(entry);
        for (byte[] bad : new byte[][] {java.util.Arrays.copyOf(good, good.length / 2), flip(good, 30),
                flip(good, good.length - 20)}) {
            Files.write(entry, bad);
            Run again = run(ref, options());
            assertThat(again.allKnown()).isFalse();
            assertThat(again.json()).isEqualTo(plain.json());
        }
        Run warm = run(ref, options()); // the last miss stored it anew
        assertThat(warm.allKnown()).isTrue();
        assertThat(warm.json()).isEqualTo(plain.json());
    }

    @Test
    void aCacheInAPlaceThatCannotBeWritten_changesNothing() throws Exception {
        Path archive = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the cache wants a directory");
        settle();
        SourceOptions options = SourceOptions.defaults().withCache(CacheOptions.in(blocked));
        String ref = "docker-archive:" + archive;
        assertThat(run(ref, options).json()).isEqualTo(run(ref, SourceOptions.defaults()).json());
        assertThat(run(ref, options).allKnown()).isFalse();
    }

    @Test
    void theBombGuard_answersTheSameForACachedLayer_andARememberedCompressedArchive() throws Exception {
        Path plainTar = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(plainTar, DockerArchiveVariant.SKOPEO);
        Path gzipped = dir.resolve("app.tar.gz");
        image("a.txt").writeDockerArchiveGzipped(gzipped, DockerArchiveVariant.SKOPEO);
        settle();
        for (Path archive : new Path[] {plainTar, gzipped}) {
            String ref = "docker-archive:" + archive;
            String uncached = null;
            try {
                run(ref, SourceOptions.defaults().withMaxExpandedBytes(64 << 10));
            } catch (dev.whittle.image.InputException e) {
                uncached = e.getMessage();
            }
            assertThat(uncached).as(ref).contains("expands past 65536 bytes");
            run(ref, options());
            assertThat(run(ref, options()).allKnown()).as(ref).isTrue();
            String message = uncached;
            assertThatThrownBy(() -> run(ref, options().withMaxExpandedBytes(64 << 10))).as(ref)
                    .isInstanceOf(dev.whittle.image.InputException.class).hasMessage(message);
        }
    }

    /** The explain JSON of {@code ref} and how many tar bytes its load read. */
    private Run explain(String ref, SourceOptions options) {
        AtomicLong bytes = new AtomicLong();
        try (Image img = ImageSources.open(ImageReference.parse(ref), options)) {
            var explanation = dev.whittle.diagnose.Explainer.explain(img,
                    dev.whittle.diagnose.ExplainOptions.DEFAULTS, (read, done, total) -> bytes.set(read));
            return new Run(JsonReport.render("explain", explanation), bytes.get(), false);
        }
    }

    @Test
    void aWarmExplain_readsNoLayer_andFindsTheSame() throws Exception {
        Path archive = dir.resolve("demo.tar");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of("examples/demo-before.tar.gz")))) {
            Files.copy(in, archive);
        }
        settle();
        String ref = "docker-archive:" + archive;
        Run plain = explain(ref, SourceOptions.defaults());
        assertThat(plain.json()).contains("\"findings\"");
        Run cold = explain(ref, options());
        Run warm = explain(ref, options());
        assertThat(cold.bytesRead()).isPositive();
        assertThat(warm.bytesRead()).isZero();
        assertThat(cold.json()).isEqualTo(plain.json());
        assertThat(warm.json()).isEqualTo(plain.json());
        // an inspect's indexes alone do not answer explain: it needs the files its detectors read
        Path other = dir.resolve("cache-inspect-only");
        SourceOptions inspectOnly = SourceOptions.defaults().withCache(CacheOptions.in(other));
        run(ref, inspectOnly);
        Run afterInspect = explain(ref, inspectOnly);
        assertThat(afterInspect.bytesRead()).isPositive();
        assertThat(afterInspect.json()).isEqualTo(plain.json());
        assertThat(explain(ref, inspectOnly).bytesRead()).isZero();

        // damaged or truncated captured-files entries are misses: the layer is read again, the answer unchanged
        Path captured = dir.resolve("cache").resolve(LayerCache.CAPTURED_FILES).resolve("sha256");
        try (var entries = Files.list(captured)) {
            for (Path entry : entries.toList()) {
                byte[] good = Files.readAllBytes(entry);
                for (byte[] bad : new byte[][] {java.util.Arrays.copyOf(good, good.length / 2), flip(good, 9),
                        flip(good, good.length - 20)}) {
                    Files.write(entry, bad);
                    Run again = explain(ref, options());
                    assertThat(again.json()).isEqualTo(plain.json());
                    assertThat(again.bytesRead()).isPositive();
                }
            }
        }
    }

    /** The packages JSON of {@code ref} and how many tar bytes its load read. */
    private Run packages(String ref, SourceOptions options) {
        AtomicLong bytes = new AtomicLong();
        try (Image img = ImageSources.open(ImageReference.parse(ref), options)) {
            var inventory = dev.whittle.packages.PackageScanner.scan(img, (read, done, total) -> bytes.set(read));
            return new Run(JsonReport.render("packages", inventory), bytes.get(), false);
        }
    }

    @Test
    void aWarmPackagesScan_readsNoLayer_andFindsTheSame() throws Exception {
        Path archive = dir.resolve("demo.tar");
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(Path.of("examples/demo-before.tar.gz")))) {
            Files.copy(in, archive);
        }
        settle();
        String ref = "docker-archive:" + archive;
        Run plain = packages(ref, SourceOptions.defaults());
        assertThat(plain.json()).contains("\"pkg:deb/debian/");
        Run cold = packages(ref, options());
        Run warm = packages(ref, options());
        assertThat(cold.bytesRead()).isPositive();
        assertThat(warm.bytesRead()).isZero();
        assertThat(warm.json()).isEqualTo(cold.json()).isEqualTo(plain.json());
        // explain's entries (its files and the databases, under both signatures) are others: not a hit for packages
        Path other = dir.resolve("cache-explain-only");
        SourceOptions explainOnly = SourceOptions.defaults().withCache(CacheOptions.in(other));
        explain(ref, explainOnly);
        assertThat(explain(ref, explainOnly).bytesRead()).isZero();
        Run afterExplain = packages(ref, explainOnly);
        assertThat(afterExplain.bytesRead()).isPositive();
        assertThat(afterExplain.json()).isEqualTo(plain.json());
    }

    private static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[Math.max(0, at)] ^= 0x41;
        return c;
    }

    @Test
    void theCapIsKeptWhenAnImageIsClosed() throws Exception {
        Path archive = dir.resolve("app.tar");
        image("a.txt").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        settle();
        SourceOptions tiny = SourceOptions.defaults().withCache(new CacheOptions(dir.resolve("cache"), 100));
        run("docker-archive:" + archive, tiny);
        assertThat(new LayerCache(tiny.cache()).usage().bytes()).isLessThanOrEqualTo(100);
    }

    private static int indexOf(byte[] haystack, byte[] needle) throws IOException {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IOException("marker not found");
    }
}
