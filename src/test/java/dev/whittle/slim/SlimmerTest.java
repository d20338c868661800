package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.compare.CompareOptions;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.ImageComparer;
import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import dev.whittle.write.OutputCompression;
import dev.whittle.write.WrittenImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimmerTest {
    @TempDir
    Path tmp;

    /** Two base layers (then the base's CMD), and app layers that overwrite, delete and recreate. */
    static TestImage hostile() {
        TestImage.Builder b = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\n")
                        .file("etc/base-config", 5000).dir("usr").dir("usr/lib").file("usr/lib/libc.so", 20000)
                        .dir("var").dir("var/cache").file("var/cache/a", 3000).file("var/cache/b", 3000)
                        .dir("opt").dir("opt/keep").file("opt/keep/x", 100), "ADD rootfs.tar /")
                .layer(LayerTarBuilder.layer().dir("usr/bin").file("usr/bin/sh", LayerTarBuilder.content("sh", 7000), 0755)
                        .symlink("usr/bin/bash", "sh").file("etc/shared", 400), "RUN install shell")
                .emptyStep("CMD [\"sh\"]")
                .env("PATH=/usr/bin", "APP=1").workingDir("/app").entrypoint("/usr/bin/sh").cmd("-c", "echo hi")
                .user("1000:1000").label("org.example", "yes");
        // a path deleted and recreated many times, with different types
        for (int i = 0; i < 6; i++) {
            LayerTarBuilder l = LayerTarBuilder.layer();
            if (i % 2 == 0) {
                l.dir("app").file("app/data.bin", 10_000 + i);
            } else {
                l.whiteout("app/data.bin").symlink("app/link" + i, "data.bin");
            }
            b.layer(l, "RUN step " + i);
        }
        TarArchiveEntry cap = xattr("app/cap", "user.whittle.note", "kept");
        LayerTarBuilder many = LayerTarBuilder.layer()
                .whiteout("etc/base-config")                         // a whiteout of a base file
                .opaque("var/cache").file("var/cache/new", 1234)    // an opaque directory over base content
                .file("app/t", 4000).hardlink("app/h1", "app/t")    // hard links whose target goes later
                .hardlink("app/h2", "app/t")
                .file("app/u", 3000).hardlink("app/hu", "app/u")    // a target that is overwritten later
                .hardlink("app/shared-link", "etc/shared")          // a link into a base layer
                .raw(device("dev/null0", TarConstants.LF_CHR, 1, 3), new byte[0])
                .raw(device("dev/fifo", TarConstants.LF_FIFO, 0, 0), new byte[0])
                .raw(cap, "caps".getBytes())
                .file("app/owned", 10);
        cap.setUserId(1000);  // the builder sets owner and time as it adds; a real layer has others
        cap.setGroupId(1001);
        cap.setModTime(1_700_000_000_123L);
        b.layer(many, "RUN many things");
        b.layer(LayerTarBuilder.layer().whiteout("app/t").file("app/u", "new u").whiteout("opt/keep")
                .file("app/gone-later", 9000), "RUN cleanup");
        b.layer(LayerTarBuilder.layer().whiteout("app/gone-later").mtime(1_600_000_000L).dir("app", 0700)
                .file("usr/lib/libc.so", 20000), "RUN touch");
        return b.build();
    }

    private static TarArchiveEntry device(String name, byte kind, int major, int minor) {
        TarArchiveEntry e = new TarArchiveEntry(name, kind, true);
        e.setMode(kind == TarConstants.LF_FIFO ? 010644 : 020666);
        e.setDevMajor(major);
        e.setDevMinor(minor);
        e.setModTime(1_700_000_000_000L);
        return e;
    }

    private static TarArchiveEntry xattr(String name, String key, String value) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setSize(4);
        e.setMode(0100755);
        e.setUserId(1000);
        e.setGroupId(1001);
        e.addPaxHeader("SCHILY.xattr." + key, value);
        e.setModTime(1_700_000_000_123L);
        return e;
    }

    record Run(SlimPlan plan, WrittenImage written) {
    }

    static Run slim(String input, String output, Integer keep, OutputCompression c) {
        try (Image image = ImageSources.open(ImageReference.parse(input), SourceOptions.defaults())) {
            UnionView union = FilesystemLoader.load(image);
            BaseChoice base = Slimmer.chooseBase(image, keep, false);
            SquashSelection selection = Slimmer.select(union, base);
            SlimPlan plan = Slimmer.plan(image, union, base, selection);
            WrittenImage w = output == null ? null : Slimmer.write(image, union, selection, plan,
                    ImageReference.parse(output), Path.of(input.substring(input.indexOf(':') + 1)), c);
            return new Run(plan, w);
        }
    }

    @Test
    void theSquashedImageHasTheSameTreeInEveryOutputForm() {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Map<String, TreeSnapshot.Node> before = TreeSnapshot.of("docker-archive:" + in);
        assertThat(before).containsKeys("app/h1", "dev/null0", "app/cap", "var/cache/new").doesNotContainKey("app/t");

        int n = 0;
        for (String out : List.of("docker-archive:" + tmp.resolve("out.tar"), "oci:" + tmp.resolve("layout") + ":slim",
                "oci-archive:" + tmp.resolve("out-oci.tar"), "oci:" + tmp.resolve("zstd"))) {
            Run run = slim("docker-archive:" + in, out, null, n++ == 3 ? OutputCompression.parse("zstd:9")
                    : OutputCompression.GZIP_DEFAULT);
            assertThat(TreeSnapshot.of(out)).as(out).isEqualTo(before);
            assertThat(run.written().layers()).hasSize(3);
        }
    }

    @Test
    void basesStayTheSameBlobsAndTheSquashedRangeWastesNothing() {
        Path in = tmp.resolve("in");
        TestImage image = hostile();
        image.writeOciLayout(in, LayerCompression.GZIP, "v1");
        Run run = slim("oci:" + in + ":v1", "oci:" + tmp.resolve("out"), null, OutputCompression.GZIP_DEFAULT);
        assertThat(run.plan().keptLayers()).isEqualTo(2);
        assertThat(run.plan().baseDetectedBy()).isEqualTo("history");
        assertThat(run.plan().squashedLayers()).isEqualTo(image.layerCount() - 2);

        List<MeasuredImage> measured = ImageLoader.loadAll(List.of("oci:" + in + ":v1", "oci:" + tmp.resolve("out")),
                name -> ImageSources.open(ImageReference.parse(name), SourceOptions.defaults()),
                new MeasureOptions(0, 0), 0);
        Measurement before = measured.get(0).measurement();
        Measurement after = measured.get(1).measurement();
        for (int l = 0; l < 2; l++) {
            assertThat(after.layers().get(l).blobDigest()).isEqualTo(before.layers().get(l).blobDigest());
        }
        assertThat(after.layers().get(2).hiddenBytes()).isZero();
        // the saving compare shows is the hidden bytes, less the bytes of hard links that became files
        Comparison c = ImageComparer.compare(measured, CompareOptions.TABLE);
        assertThat(before.totals().contentBytes() - after.totals().contentBytes())
                .isEqualTo(run.plan().removedBytes())
                .isEqualTo(run.plan().hiddenBytes() - run.plan().materialisedBytes());
        assertThat(after.totals().contentBytes()).isEqualTo(run.plan().expectedContentBytes());
        assertThat(c).isNotNull();
    }

    @Test
    void sameInputAndOptionsGiveTheSameDigests() throws IOException {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        for (OutputCompression c : List.of(OutputCompression.GZIP_DEFAULT, OutputCompression.parse("zstd:5"),
                OutputCompression.NONE)) {
            Run a = slim("docker-archive:" + in, "oci:" + tmp.resolve("a-" + c.kind()), null, c);
            Run b = slim("docker-archive:" + in, "oci:" + tmp.resolve("b-" + c.kind()), null, c);
            assertThat(a.written().manifestDigest()).isEqualTo(b.written().manifestDigest());
        }
        slim("docker-archive:" + in, "docker-archive:" + tmp.resolve("a.tar"), null, OutputCompression.NONE);
        slim("docker-archive:" + in, "docker-archive:" + tmp.resolve("b.tar"), null, OutputCompression.NONE);
        assertThat(Files.readAllBytes(tmp.resolve("a.tar"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.tar")));
    }

    @Test
    void theConfigKeepsWhatTheRuntimeReadsAndSaysWhatHappened() {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim("docker-archive:" + in, "docker-archive:" + tmp.resolve("o.tar:app:slim"), null,
                OutputCompression.NONE);
        try (Image before = ImageSources.open(ImageReference.parse("docker-archive:" + in), SourceOptions.defaults());
             Image after = ImageSources.open(ImageReference.parse("docker-archive:" + tmp.resolve("o.tar")),
                     SourceOptions.defaults())) {
            var b = before.config();
            var a = after.config();
            assertThat(a.env()).isEqualTo(b.env());
            assertThat(a.entrypoint()).isEqualTo(b.entrypoint());
            assertThat(a.cmd()).isEqualTo(b.cmd());
            assertThat(a.user()).isEqualTo(b.user());
            assertThat(a.workingDir()).isEqualTo(b.workingDir());
            assertThat(a.labels()).containsEntry("org.example", "yes")
                    .containsEntry(ConfigRewriter.SOURCE_LABEL, Slimmer.sourceDigest(before).toString());
            assertThat(a.diffIds()).hasSize(3).startsWith(b.diffIds().get(0), b.diffIds().get(1));
            assertThat(a.history()).filteredOn(h -> !h.emptyLayer()).hasSize(3);
            assertThat(a.history().get(3).comment()).contains("squashed " + run.plan().squashedLayers() + " layers")
                    .contains(run.plan().removedBytes() + " bytes");
            assertThat(a.history().get(2).createdBy()).contains("CMD");
            assertThat(after.tags()).containsExactly("app:slim");
        }
    }

    @Test
    void refusesToOverwriteItsInputAndLeavesNothingBehindOnError() throws IOException {
        Path in = tmp.resolve("in.tar");
        TestImage image = hostile();
        image.writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        byte[] original = Files.readAllBytes(in);
        assertThatThrownBy(() -> slim("docker-archive:" + in, "docker-archive:" + in, null, OutputCompression.NONE))
                .isInstanceOf(UsageException.class).hasMessageContaining("refusing to write over the input");
        assertThat(Files.readAllBytes(in)).isEqualTo(original);

        // a layer whose bytes do not match its digest: the write fails, exit 3, and the directory stays as it was
        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Path corrupt = bad.resolve("corrupt.tar");
        byte[] bytes = original.clone();
        int at = indexOf(bytes, "usr/bin/sh".getBytes()) + 600;
        bytes[at] ^= 1;
        Files.write(corrupt, bytes);
        Path outDir = tmp.resolve("outdir");
        Files.createDirectories(outDir);
        assertThatThrownBy(() -> slim("docker-archive:" + corrupt, "oci:" + outDir.resolve("x"), null,
                OutputCompression.GZIP_DEFAULT)).isInstanceOf(DigestMismatchException.class);
        try (Stream<Path> left = Files.list(outDir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void anEarlierOutputIsReplacedWholeAndNothingIsLeftBeside() throws IOException {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        for (String form : List.of("docker-archive", "oci-archive")) {
            Path out = tmp.resolve(form + ".tar");
            Files.writeString(out, "an older output, much shorter than an image");
            slim("docker-archive:" + in, form + ":" + out, null, OutputCompression.NONE);
            byte[] first = Files.readAllBytes(out);
            assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("older output");
            slim("docker-archive:" + in, form + ":" + out, null, OutputCompression.NONE);
            assertThat(Files.readAllBytes(out)).isEqualTo(first);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("in.tar", "docker-archive.tar", "oci-archive.tar");
        }
    }

    @Test
    void anOciDestinationThatHoldsSomethingIsNotReplaced() throws IOException {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Path layout = tmp.resolve("layout");
        Files.createDirectories(layout);
        Files.writeString(layout.resolve("index.json"), "{}");
        assertThatThrownBy(() -> slim("docker-archive:" + in, "oci:" + layout, null, OutputCompression.NONE))
                .isInstanceOf(UsageException.class).hasMessageContaining("not empty");
        try (Stream<Path> left = Files.list(layout)) {
            assertThat(left).hasSize(1);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("in.tar", "layout");
        }
    }

    @Test
    void keepZeroSquashesEverythingAndWhitesOutNothing() {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim("docker-archive:" + in, "oci-archive:" + tmp.resolve("all.tar"), 0, OutputCompression.NONE);
        assertThat(run.plan().keptLayers()).isZero();
        assertThat(run.plan().whiteouts()).isZero();
        assertThat(run.written().layers()).hasSize(1);
        assertThat(TreeSnapshot.of("oci-archive:" + tmp.resolve("all.tar")))
                .isEqualTo(TreeSnapshot.of("docker-archive:" + in));
    }

    @Test
    void writingAdvancesAProgressBarThroughEveryPartToItsTotal() {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        java.io.ByteArrayOutputStream drawn = new java.io.ByteArrayOutputStream();
        ImageReference dest = ImageReference.parse("oci-archive:" + tmp.resolve("p.tar"));
        long[] total = new long[1];
        try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + in), SourceOptions.defaults())) {
            UnionView union = FilesystemLoader.load(image);
            BaseChoice base = Slimmer.chooseBase(image, null, false);
            SquashSelection selection = Slimmer.select(union, base);
            SlimPlan plan = Slimmer.plan(image, union, base, selection);
            total[0] = Slimmer.writeWork(union, selection, plan, dest);
            try (dev.whittle.source.ProgressBar bar = dev.whittle.source.ProgressBar.on(
                    new java.io.PrintStream(drawn, true), "writing", total[0])) {
                Slimmer.write(image, union, selection, plan, dest, in, OutputCompression.GZIP_DEFAULT, bar);
            }
        }
        String frames = drawn.toString();
        assertThat(frames).startsWith("\rwriting [").contains(" base ");
        assertThat(total[0]).isPositive();
    }

    /**
     * A layer of GNU tar's sparse files (old GNU and PAX 1.0 forms, made by {@code tar --sparse}): holes of 1 MB and
     * more, a few bytes of data between them.
     */
    static byte[] sparseLayer(Path dir, String format) throws IOException {
        Path root = dir.resolve("root-" + format);
        Files.createDirectories(root.resolve("sparse"));
        try (var f = new java.io.RandomAccessFile(root.resolve("sparse/" + format + ".bin").toFile(), "rw")) {
            f.setLength(5_000_000);
            f.seek(1_000_000);
            f.write("hello".getBytes());
            f.seek(4_000_000);
            f.write("tail".getBytes());
        }
        // whole-second times: commons-compress writes PAX times to 100 ns (a limit of its own, not of this test)
        dev.whittle.testing.ExternalTool.run("touch", "-h", "-d", "@1700000000", root.resolve("sparse").toString(),
                root.resolve("sparse/" + format + ".bin").toString()).requireSuccess("touch");
        Path tar = dir.resolve(format + ".tar");
        dev.whittle.testing.ExternalTool.run("tar", "--sparse", "--format=" + format, "-C", root.toString(), "-cf",
                tar.toString(), "sparse").requireSuccess("tar --sparse");
        return Files.readAllBytes(tar);
    }

    static TestImage sparseImage(Path dir) throws IOException {
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=x\n"), "ADD rootfs /")
                .emptyStep("CMD [\"sh\"]")
                .layer(sparseLayer(dir, "gnu"), "COPY gnu")
                .layer(sparseLayer(dir, "posix"), "COPY posix")
                .layer(LayerTarBuilder.layer().file("etc/later", "x"), "RUN later")
                .build();
    }

    @Test
    void sparseFilesKeepTheirContent() throws IOException {
        dev.whittle.testing.ExternalTool.assumeInstalled("tar");
        Path in = tmp.resolve("in.tar");
        sparseImage(tmp).writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Map<String, TreeSnapshot.Node> before = TreeSnapshot.of("docker-archive:" + in);
        assertThat(before.get("sparse/gnu.bin").size()).isEqualTo(5_000_000);
        assertThat(before.get("sparse/posix.bin").size()).isEqualTo(5_000_000);
        for (String out : List.of("oci-archive:" + tmp.resolve("o.tar"), "docker-archive:" + tmp.resolve("d.tar"))) {
            slim("docker-archive:" + in, out, null, OutputCompression.GZIP_DEFAULT);
            assertThat(TreeSnapshot.of(out)).as(out).isEqualTo(before);
        }
    }

    /**
     * The before/after table measures the output from the squashed layer's index made while writing (no read-back):
     * it must equal what loading the written image gives, for every output form, with a base kept and without.
     */
    @Test
    void theOutputMeasuredFromWhatWasWrittenEqualsReadingItBack() throws IOException {
        Path in = tmp.resolve("in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        int n = 0;
        int indexed = 4;
        for (String out : List.of("docker-archive:" + tmp.resolve("m.tar"), "oci-archive:" + tmp.resolve("m-oci.tar"),
                "oci:" + tmp.resolve("m-layout"), "docker-archive:" + tmp.resolve("m-all.tar"))) {
            boolean all = n++ == 3;
            try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + in),
                    SourceOptions.defaults())) {
                UnionView union = FilesystemLoader.load(image);
                BaseChoice base = Slimmer.chooseBase(image, null, all);
                SquashSelection selection = Slimmer.select(union, base);
                SlimPlan plan = Slimmer.plan(image, union, base, selection);
                Slimmer.Written w = Slimmer.writeIndexed(image, union, selection, plan, ImageReference.parse(out), in,
                        OutputCompression.GZIP_DEFAULT, dev.whittle.source.ProgressBar.silent());
                Measurement readBack = ImageLoader.load(w.image().reference(),
                        name -> ImageSources.open(ImageReference.parse(name), SourceOptions.defaults()),
                        new MeasureOptions(0, 0), false).measurement();
                if (w.squashed() == null) {
                    // a kept base here: the new layer's whiteouts name paths the input never had (it deleted them
                    // with an opaque directory), so slim reads this output back; --squash-all has no whiteouts
                    assertThat(all).as(out).isFalse();
                    indexed--;
                    continue;
                }
                Measurement fromWrite;
                try (Image written = ImageSources.open(ImageReference.parse(w.image().reference()),
                        SourceOptions.defaults())) {
                    fromWrite = dev.whittle.measure.ImageMeasurer.measure(written,
                            Slimmer.outputUnion(union, selection.kept(), w.squashed()), new MeasureOptions(0, 0));
                }
                assertThat(fromWrite).as(out).isEqualTo(readBack);
                // the index made while writing is, row by row, the one indexing the written layer gives
                try (Image written = ImageSources.open(ImageReference.parse(w.image().reference()),
                        SourceOptions.defaults());
                     java.io.InputStream tar = written.layers().get(selection.kept()).openTar()) {
                    dev.whittle.fs.LayerIndex again = dev.whittle.fs.LayerIndexer.index(tar, selection.kept(),
                            "again", union.paths());
                    assertThat(rows(w.squashed())).as(out).isEqualTo(rows(again)).hasSizeGreaterThan(10);
                    assertThat(w.squashed().tarBytes()).isEqualTo(again.tarBytes());
                }
            }
        }
        assertThat(indexed).isGreaterThanOrEqualTo(1);
    }

    /**
     * The squashed layer's index made from the selection ({@link SquashedIndex}, no header parsed) is, row by row, the
     * one indexing the written tar gives: for every image here (hard links into the base and materialised ones,
     * devices, xattrs, sparse files, long and non-ASCII names, a directory listed after its child, duplicates), every
     * base choice without whiteouts, both writers (copied by offset from a docker-archive, captured from gzip
     * layers); where a whiteout is written it does not apply.
     */
    @Test
    void theSquashedIndexFromTheSelectionIsTheOneReadingTheWrittenTarGives() throws IOException {
        TestImage duplicates = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("app").file("app/base", 10), "ADD base /")
                .layer(LayerTarBuilder.layer().file("app/dup", 10).file("late/child", 3).file("app/dup", 2000)
                        .dir("late", 0700).hardlink("app/link", "app/dup").hardlink("app/base-link", "app/base")
                        .symlink("app/sym", "../late/child"), "RUN twice")
                .build();
        int n = 0;
        int applied = 0;
        int declined = 0;
        for (TestImage source : List.of(hostile(), sparseImage(tmp), longNames(), duplicates)) {
            Path tar = tmp.resolve("x-in-" + n + ".tar");
            Path layout = tmp.resolve("x-in-oci-" + n++);
            source.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
            source.writeOciLayout(layout, LayerCompression.GZIP, "in");
            for (String input : List.of("docker-archive:" + tar, "oci:" + layout + ":in")) {
                try (Image image = ImageSources.open(ImageReference.parse(input), SourceOptions.defaults())) {
                    UnionView union = FilesystemLoader.load(image);
                    for (int keep = 0; keep < image.layers().size(); keep++) {
                        SquashSelection selection = Slimmer.select(union, Slimmer.chooseBase(image, keep, false));
                        if (!SquashedIndex.applies(selection, union)) {
                            assertThat(selection.whiteouts()).as(input + " keep " + keep).isPositive();
                            declined++;
                            continue;
                        }
                        applied++;
                        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                        try (SquashedTar w = Slimmer.squashedTar(selection, union, image.layers(), tmp, k -> { })) {
                            w.writeTo(bytes);
                        }
                        int known = union.paths().size();
                        dev.whittle.fs.LayerIndex read = dev.whittle.fs.LayerIndexer.index(
                                new java.io.ByteArrayInputStream(bytes.toByteArray()), keep, "read", union.paths());
                        assertThat(union.paths().size()).as("reading it interns no new path").isEqualTo(known);
                        dev.whittle.fs.LayerIndex made = SquashedIndex.of(selection, union, keep, "made",
                                bytes.size());
                        assertThat(rows(made)).as(input + " keep " + keep).isEqualTo(rows(read));
                        assertThat(made.tarBytes()).isEqualTo(read.tarBytes());
                        assertThat(made.contentBytes()).isEqualTo(read.contentBytes());
                        assertThat(Slimmer.outputUnion(union, keep, made).layerStats()).as(input + " keep " + keep)
                                .isEqualTo(Slimmer.outputUnion(union, keep, read).layerStats());
                    }
                }
            }
        }
        assertThat(applied).isGreaterThan(8);
        assertThat(declined).isPositive();
    }

    /**
     * Entries come parents first with siblings in unsigned UTF-8 byte order ({@link SquashSelection#compareBytes}),
     * which is not String order for characters past the basic plane: an emoji (UTF-16 surrogates, below U+FF61 as
     * chars) sorts after U+FF61 as bytes.
     */
    @Test
    void siblingsComeInUnsignedUtf8ByteOrder() {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("d").file("d/base", 1), "ADD base /")
                .layer(LayerTarBuilder.layer().file("d/\uFF61", 1).file("d/\uD83D\uDE00", 2).file("d/Z", 3)
                        .file("d/a", 4).file("d/\u00e9", 5).file("d/a-b", 6).dir("d/a").file("d/a/x", 7)
                        .file("d/\u65e5", 8).file("d/.hidden", 9).file("e", 10).file("D", 11), "RUN names")
                .build();
        Path in = tmp.resolve("order.tar");
        image.writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        try (Image img = ImageSources.open(ImageReference.parse("docker-archive:" + in), SourceOptions.defaults())) {
            UnionView union = FilesystemLoader.load(img);
            List<SquashEntry> entries = Slimmer.select(union, Slimmer.chooseBase(img, 0, true)).entries();
            List<String> paths = entries.stream().map(SquashEntry::path).toList();
            assertThat(paths).contains("/d/\uFF61", "/d/\uD83D\uDE00");
            assertThat(paths.indexOf("/d/\uFF61")).isLessThan(paths.indexOf("/d/\uD83D\uDE00"));
            for (int i = 0; i < paths.size(); i++) {
                for (int j = i + 1; j < paths.size(); j++) {
                    String a = paths.get(i);
                    String b = paths.get(j);
                    if (b.startsWith(a + "/")) {
                        continue; // a parent before its children
                    }
                    assertThat(a.startsWith(b + "/")).as(a + " after its parent").isFalse();
                    String pa = a.substring(0, a.lastIndexOf('/'));
                    String pb = b.substring(0, b.lastIndexOf('/'));
                    if (pa.equals(pb)) {
                        assertThat(SquashSelection.compareBytes(a.substring(pa.length() + 1),
                                b.substring(pb.length() + 1))).as(a + " before " + b).isNegative();
                    }
                }
            }
            assertThatThrownBy(() -> entries.add(entries.get(0))).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** Every column of every row of an index, as text. */
    static List<String> rows(dev.whittle.fs.LayerIndex li) {
        List<String> out = new java.util.ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            out.add(li.path(r) + " " + li.type(r) + " " + li.headerSize(r) + " " + li.mode(r) + " " + li.uid(r) + " "
                    + li.gid(r) + " " + li.mtime(r) + " " + li.linkTarget(r) + " " + li.whiteoutEntryId(r) + " "
                    + li.isImplicit(r) + li.isSuperseded(r) + li.isExternalLink(r));
        }
        return out;
    }

    /**
     * The squashed layer is assembled from tar records encoded one entry at a time; it must be byte for byte what one
     * tar writer gives for the same entries in the same order (parsing it and writing it again changes nothing).
     */
    @Test
    void theSquashedTarIsWhatOneTarWriterGives() throws IOException {
        dev.whittle.testing.ExternalTool.assumeInstalled("tar");
        for (TestImage source : List.of(hostile(), sparseImage(tmp))) {
            Path in = tmp.resolve("t-in.tar");
            Path out = tmp.resolve("t-out.tar");
            source.writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
            slim("docker-archive:" + in, "docker-archive:" + out, null, OutputCompression.NONE);
            byte[] squashed;
            try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + out),
                    SourceOptions.defaults());
                 java.io.InputStream tar = image.layers().get(image.layers().size() - 1).openTar()) {
                squashed = tar.readAllBytes();
            }
            java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
            try (var reader = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                    new java.io.ByteArrayInputStream(squashed), "UTF-8");
                 var writer = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(again, "UTF-8")) {
                writer.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                writer.setBigNumberMode(
                        org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
                writer.setAddPaxHeadersForNonAsciiNames(true);
                TarArchiveEntry e;
                int entries = 0;
                while ((e = reader.getNextEntry()) != null) {
                    writer.putArchiveEntry(e);
                    reader.transferTo(writer);
                    writer.closeArchiveEntry();
                    entries++;
                }
                writer.finish();
                assertThat(entries).isGreaterThan(3);
            }
            byte[] a = again.toByteArray();
            assertThat(java.util.Arrays.mismatch(a, squashed)).as("first differing byte of %d and %d bytes",
                    a.length, squashed.length).isEqualTo(-1);
        }
    }

    /**
     * An uncompressed input's squashed layer is copied by offset (RegionSquashWriter), a compressed one's captured
     * through a scratch file (SquashedLayerWriter): the two must give the same tar, byte for byte, so the output does
     * not depend on how the input was stored. Long names, PAX records (xattrs, sub-second times), hard links, devices,
     * whiteouts and sparse files included.
     */
    @Test
    void theSquashedLayerIsTheSameCopiedByOffsetOrCaptured() throws IOException {
        int n = 0;
        for (TestImage source : List.of(hostile(), sparseImage(tmp), longNames())) {
            Path tar = tmp.resolve("r-in-" + n + ".tar");
            Path layout = tmp.resolve("r-in-oci-" + n++);
            source.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
            source.writeOciLayout(layout, LayerCompression.GZIP, "in");
            List<String> squashed = new java.util.ArrayList<>();
            for (String input : List.of("docker-archive:" + tar, "oci:" + layout + ":in")) {
                try (Image image = ImageSources.open(ImageReference.parse(input), SourceOptions.defaults())) {
                    UnionView union = FilesystemLoader.load(image);
                    SquashSelection selection = Slimmer.select(union, Slimmer.chooseBase(image, 1, false));
                    assertThat(RegionSquashWriter.applies(selection, image.layers())).as(input)
                            .isEqualTo(input.startsWith("docker-archive:"));
                }
                Path out = tmp.resolve("r-out.tar");
                Run run = slim(input, "docker-archive:" + out, 1, OutputCompression.NONE);
                List<dev.whittle.image.Descriptor> layers = run.written().layers();
                squashed.add(layers.get(layers.size() - 1).digest().toString());
                assertThat(TreeSnapshot.of("docker-archive:" + out)).as(input)
                        .isEqualTo(TreeSnapshot.of("docker-archive:" + tar));
            }
            assertThat(squashed.get(0)).isEqualTo(squashed.get(1));
        }
    }

    /**
     * The load pass notes where each entry's records lie (slim loads with records), so the squashed layer is copied
     * by offset without walking the layers again; an index from the layer cache has no records and its layer is
     * walked as before. Both give the same tar, byte for byte, also when only some layers have records; a layer
     * with a duplicate path and a directory listed after its children included.
     */
    @Test
    void theSquashedLayerIsTheSameFromTheLoadsRecordsOrAWalk() throws IOException {
        TestImage duplicates = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("app").file("app/base", 10), "ADD base /")
                .layer(LayerTarBuilder.layer().file("app/dup", 10).file("late/child", 3).file("app/dup", 2000)
                        .dir("late", 0700).hardlink("app/link", "app/dup"), "RUN twice")
                .build();
        int n = 0;
        long[] inPlace = new long[1];
        for (TestImage source : List.of(hostile(), sparseImage(tmp), longNames(), duplicates)) {
            Path tar = tmp.resolve("w-in-" + n++ + ".tar");
            source.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
            List<byte[]> made = new java.util.ArrayList<>();
            for (String how : List.of("walk", "records", "some")) {
                try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + tar),
                        SourceOptions.defaults())) {
                    UnionView union = FilesystemLoader.load(image, dev.whittle.fs.LoadProgress.NONE, 2,
                            dev.whittle.fs.LayerIndexCache.NONE, dev.whittle.fs.ContentCapture.NONE,
                            !how.equals("walk"));
                    if (how.equals("some")) { // the top layer as a cache would give it: no records
                        List<dev.whittle.fs.LayerIndex> indexes = new java.util.ArrayList<>(union.layers());
                        int top = indexes.size() - 1;
                        try (java.io.InputStream in = image.layers().get(top).openTar()) {
                            indexes.set(top, dev.whittle.fs.LayerIndexer.index(in, top, "layer " + top,
                                    union.paths()));
                        }
                        union = UnionView.of(union.paths(), indexes);
                    }
                    assertThat(union.layers().get(0).hasRecords()).as(how).isEqualTo(!how.equals("walk"));
                    SquashSelection selection = Slimmer.select(union, Slimmer.chooseBase(image, 1, false));
                    long[] progress = new long[1];
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                    Path direct = tmp.resolve("direct.tar");
                    Files.deleteIfExists(direct);
                    Files.createFile(direct);
                    try (SquashedTar w = Slimmer.squashedTar(selection, union, image.layers(), tmp,
                            k -> progress[0] += k)) {
                        assertThat(w).isInstanceOf(RegionSquashWriter.class);
                        w.writeTo(bytes);
                        // the same tar read straight into an output's own blocks (DirectOutputStream.room)
                        try (dev.whittle.write.DirectFileOutput file = dev.whittle.write.DirectFileOutput.open(direct)) {
                            w.writeTo(file);
                            file.finish();
                        }
                        // runs of adjacent entries were read with one pread and renamed in place
                        inPlace[0] += ((RegionSquashWriter) w).inPlaceEntries;
                    }
                    assertThat(java.util.Arrays.mismatch(Files.readAllBytes(direct), bytes.toByteArray()))
                            .as(how + ": written in place").isEqualTo(-1);
                    long read = 0;
                    for (int l : SquashedLayerWriter.layersRead(selection)) {
                        read += union.layerStats().get(l).tarBytes();
                    }
                    assertThat(progress[0]).as(how + ": every layer read is counted once").isEqualTo(read);
                    made.add(bytes.toByteArray());
                }
            }
            assertThat(made.get(0).length).isGreaterThan(1024);
            assertThat(java.util.Arrays.mismatch(made.get(1), made.get(0))).isEqualTo(-1);
            assertThat(java.util.Arrays.mismatch(made.get(2), made.get(0))).isEqualTo(-1);
        }
        // most entries of these images were read in runs with one pread and renamed in place (TarStream.inPlace)
        assertThat(inPlace[0]).isGreaterThan(60);
    }

    /**
     * The input changes between the load and the write (here: it is cut short after the layer the squash reads):
     * the write stops with the clear input error, exit 3, and nothing is left where the output was to go.
     */
    @Test
    void anInputCutShortAfterItsLoadIsAnInputErrorAndLeavesNothing() throws IOException {
        Path in = tmp.resolve("cut.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Path outDir = tmp.resolve("cut-out");
        Files.createDirectories(outDir);
        for (long keep : List.of(0L, 600L, 2048L + 300L)) {
            try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + in),
                    SourceOptions.defaults())) {
                UnionView union = FilesystemLoader.load(image, dev.whittle.fs.LoadProgress.NONE, 2,
                        dev.whittle.fs.LayerIndexCache.NONE, dev.whittle.fs.ContentCapture.NONE, true);
                BaseChoice base = Slimmer.chooseBase(image, 0, false); // no base layer copied before the squash
                SquashSelection selection = Slimmer.select(union, base);
                SlimPlan plan = Slimmer.plan(image, union, base, selection);
                assertThat(RegionSquashWriter.applies(selection, image.layers())).isTrue();
                // cut the file inside the first layer the squash reads: its entries are gone or end early
                int first = SquashedLayerWriter.layersRead(selection).iterator().next();
                dev.whittle.source.FileRegion region =
                        (dev.whittle.source.FileRegion) image.layers().get(first).location();
                try (var ch = java.nio.channels.FileChannel.open(in, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.truncate(region.offset() + keep);
                }
                assertThatThrownBy(() -> Slimmer.write(image, union, selection, plan,
                        ImageReference.parse("docker-archive:" + outDir.resolve("out.tar")), in,
                        OutputCompression.NONE))
                        .as("cut at %d", keep)
                        .isInstanceOf(dev.whittle.image.InputException.class)
                        .hasMessageContaining("changed while it was read");
            }
            try (Stream<Path> left = Files.list(outDir)) {
                assertThat(left).as("cut at %d", keep).isEmpty();
            }
            hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        }
    }

    /**
     * The docker-archive is written in aligned blocks, the last one padded and the file cut back to its length: the
     * archive must be exactly the tar one tar writer gives for its members (nothing after the end records, no
     * padding left over), in every base choice.
     */
    @Test
    void theDockerArchiveIsWhatOneTarWriterGivesForItsMembers() throws IOException {
        Path in = tmp.resolve("a-in.tar");
        hostile().writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        for (Integer keep : java.util.Arrays.asList(null, 0, 1, 2)) {
            Path out = tmp.resolve("a-out.tar");
            slim("docker-archive:" + in, "docker-archive:" + out, keep, OutputCompression.NONE);
            byte[] archive = Files.readAllBytes(out);
            java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
            try (var reader = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                    new java.io.ByteArrayInputStream(archive), "UTF-8");
                 var writer = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(again, "UTF-8")) {
                writer.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                writer.setBigNumberMode(
                        org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
                TarArchiveEntry e;
                while ((e = reader.getNextEntry()) != null) {
                    writer.putArchiveEntry(e);
                    reader.transferTo(writer);
                    writer.closeArchiveEntry();
                }
                writer.finish();
            }
            byte[] a = again.toByteArray();
            assertThat(java.util.Arrays.mismatch(a, archive)).as("keep %s: first differing byte of %d and %d bytes",
                    keep, a.length, archive.length).isEqualTo(-1);
        }
    }

    /** Names past the 100 bytes of a tar header (PAX path and linkpath records) and non-ASCII names. */
    static TestImage longNames() {
        String deep = "app/" + "very-long-directory-name/".repeat(6) + "end";
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("app").file("app/base", 10), "ADD base /")
                .layer(LayerTarBuilder.layer().dir(deep).file(deep + "/file-with-a-long-name.txt", 3000)
                        .symlink(deep + "/link", "/" + deep + "/file-with-a-long-name.txt")
                        .hardlink("app/hard-" + "x".repeat(110), deep + "/file-with-a-long-name.txt")
                        .file("app/caf\u00e9-\u65e5\u672c.txt", 20), "RUN make")
                .layer(LayerTarBuilder.layer().file(deep + "/file-with-a-long-name.txt", 4000), "RUN again")
                .build();
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
        throw new IllegalArgumentException("not found");
    }
}
