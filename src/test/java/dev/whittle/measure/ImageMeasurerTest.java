package dev.whittle.measure;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.Stacks;
import dev.whittle.image.HistoryEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every number here was worked out by hand from the layers in the test (see the comments). */
class ImageMeasurerTest {

    static Measurement measure(InMemoryImage image) {
        return ImageMeasurer.measure(image, FilesystemLoader.load(image));
    }

    static Measurement measure(byte[]... tars) {
        return measure(InMemoryImage.of(tars));
    }

    @Test
    void overwriteChainWhiteoutAndDeletedDirectory() {
        Measurement m = measure(Stacks.overwriteChainAndDeletedDirectory());
        // Whittle: content 1800 + 200 + 120; visible conf@L2 120 + sh 200.
        Totals t = m.totals();
        assertThat(t.contentBytes()).isEqualTo(2120);
        assertThat(t.visibleBytes()).isEqualTo(320);
        assertThat(t.wastedBytes()).isEqualTo(1800);
        assertThat(t.efficiency()).isCloseTo(320.0 / 2120, within(1e-12));
        assertThat(t.compressedBytes()).isNull();
        assertThat(t.visibleFiles()).isEqualTo(2);
        assertThat(t.wastedFiles()).isEqualTo(5);
        assertThat(m.wastedFiles()).extracting(w -> w.path() + " " + w.bytes() + " L" + w.addedBy() + "->L"
                + w.hiddenBy() + " " + w.reason()).containsExactly(
                "/var/cache/apt/a.deb 1000 L0->L1 PARENT_DELETED",
                "/var/cache/apt/b.deb 500 L0->L1 PARENT_DELETED",
                "/etc/conf 150 L1->L2 OVERWRITTEN",
                "/etc/conf 100 L0->L1 OVERWRITTEN",
                "/app/x 50 L1->L2 WHITEOUT");
        assertThat(m.layers()).extracting(l -> l.contentBytes() + " +" + l.filesAdded() + " ~" + l.filesModified()
                + " -" + l.filesDeleted() + " hidden " + l.hiddenBytes() + " hiding " + l.hidingBytes())
                .containsExactly("1800 +4 ~0 -0 hidden 1600 hiding 0", "200 +1 ~1 -1 hidden 200 hiding 1600",
                        "120 +0 ~1 -1 hidden 0 hiding 200");
        assertThat(m.largestFiles()).extracting(f -> f.path() + " " + f.bytes() + " L" + f.layer())
                .containsExactly("/bin/sh 200 L0", "/etc/conf 120 L2");

        // dive: leaves per layer. L0: conf 100, a.deb 1000, b.deb 500, sh 200 (directories have children).
        // L1: app/x 50, conf 150, .wh.apt -> apt was an explicit directory below: 0 + 1000 + 500.
        // L2: .wh.x -> a file below: 0; conf 120.
        // Per path (min / sum / refs): conf 100/370/3, a 1000/1000/1, b 500/500/1, sh 200/200/1, x 0/50/2,
        // apt 1500/1500/1.
        DiveMetrics d = m.dive();
        assertThat(d.efficiency()).isCloseTo(3300.0 / 3620, within(1e-12));
        assertThat(d.wastedBytes()).isEqualTo(420);
        assertThat(d.sizeBytes()).isEqualTo(2120);
        assertThat(d.userSizeBytes()).isEqualTo(320);
        assertThat(d.userWastedPercent()).isCloseTo(420.0 / 320, within(1e-12));
        assertThat(d.inefficientFiles()).containsExactly(new InefficientFile("/etc/conf", 3, 370),
                new InefficientFile("/app/x", 2, 50));
    }

    @Test
    void aWastedFileLimitKeepsTheFullListsFirstFilesAndCountsThemAll() {
        InMemoryImage image = InMemoryImage.of(Stacks.overwriteChainAndDeletedDirectory());
        var union = FilesystemLoader.load(image);
        List<WastedFile> all = ImageMeasurer.measure(image, union).wastedFiles();
        assertThat(all).hasSize(5);
        for (int limit = 0; limit <= 6; limit++) {
            Measurement m = ImageMeasurer.measure(image, union, new MeasureOptions(10, limit));
            assertThat(m.wastedFiles()).as("limit %d", limit).isEqualTo(all.subList(0, Math.min(limit, all.size())));
            assertThat(m.totals().wastedFiles()).isEqualTo(5);
        }
    }

    @Test
    void diveSizesAWhiteoutOfAnImpliedDirectoryAsZero() {
        // dive gives directories that only exist as parents an empty payload (not a directory), so deleting
        // var/cache/apt (never listed itself) weighs 0: /var/cache/apt 0/0/1, a 1000/1000/1.
        Measurement m = measure(layer().file("var/cache/apt/a", 1000).file("b", 10).build(),
                layer().whiteout("var/cache/apt").file("b", 10).build());
        assertThat(m.dive().efficiency()).isCloseTo(1010.0 / 1020, within(1e-12));
        assertThat(m.dive().wastedBytes()).isEqualTo(20);
        assertThat(m.totals().wastedBytes()).isEqualTo(1010);
    }

    @Test
    void opaqueWhiteoutsAreInvisibleToDive() {
        Measurement m = measure(Stacks.opaqueBeforeAndAfterSiblings());
        assertThat(m.totals().contentBytes()).isEqualTo(362);
        assertThat(m.totals().visibleBytes()).isEqualTo(12);
        assertThat(m.totals().wastedBytes()).isEqualTo(350);
        // dive: every path referenced once, opaque markers ignored.
        assertThat(m.dive().efficiency()).isEqualTo(1.0);
        assertThat(m.dive().wastedBytes()).isZero();
        assertThat(m.dive().userSizeBytes()).isEqualTo(47);
        assertThat(m.dive().userWastedPercent()).isZero();
        assertThat(m.dive().inefficientFiles()).isEmpty();
    }

    @Test
    void aWhiteoutOfAPathNotBelowStopsDivesLayer() {
        // L1 leaves in dive's order: .wh.c (sorts before a and b), a, b. /c is not below: dive stops the layer, so
        // a@L1 and b are never counted, and /c stays in dive's map with its initial minimum of -1.
        // min: a 10 + c -1 = 9; sum: 10.
        Measurement m = measure(layer().file("a", 10).build(),
                layer().whiteout("c").file("b", 5).file("a", 20).build());
        assertThat(m.dive().efficiency()).isCloseTo(0.9, within(1e-12));
        assertThat(m.dive().wastedBytes()).isZero();
        assertThat(m.totals().contentBytes()).isEqualTo(35);
        assertThat(m.totals().visibleBytes()).isEqualTo(25);
        assertThat(m.layers().get(1).filesDeleted()).isZero();
    }

    @Test
    void aMetadataOnlyDirectoryChangeIsADiveDuplicateOfZeroBytes() {
        Measurement m = measure(layer().dir("empty").file("etc/f", 1).build(), layer().dir("empty", 0700).build());
        assertThat(m.dive().inefficientFiles()).containsExactly(new InefficientFile("/empty", 2, 0));
        assertThat(m.dive().efficiency()).isEqualTo(1.0);
        assertThat(m.totals().wastedBytes()).isZero();
    }

    @Test
    void hardLinksAndDuplicatesInOneLayer() {
        Measurement m = measure(Stacks.replacementsLinksAndDuplicates());
        assertThat(m.totals().contentBytes()).isEqualTo(1178);
        assertThat(m.totals().visibleBytes()).isEqualTo(1019);
        assertThat(m.totals().wastedBytes()).isEqualTo(159);
        assertThat(m.layers().get(1).hiddenBytes()).isEqualTo(9);
        // dive: /data and /lib are leaves in one layer each, the duplicate collapses: no path twice.
        assertThat(m.dive().efficiency()).isEqualTo(1.0);
        assertThat(m.dive().wastedBytes()).isZero();
    }

    @Test
    void singleLayerAndEmptyImages() {
        Measurement one = measure(layer().file("a", 3).build());
        assertThat(one.dive().userSizeBytes()).isZero();
        assertThat(one.dive().userWastedPercent()).isNaN(); // 0/0, as dive computes it
        Measurement empty = measure(layer().build());
        assertThat(empty.totals().efficiency()).isEqualTo(1.0);
        assertThat(empty.dive().efficiency()).isEqualTo(1.0);
    }

    @Test
    void historyIsAlignedWithEmptyLayersAndCleaned() {
        List<HistoryEntry> history = List.of(
                new HistoryEntry("t0", "/bin/sh -c #(nop) ADD file:abc in / ", null, false),
                new HistoryEntry("t1", "/bin/sh -c #(nop)  CMD [\"sh\"]", null, true),
                new HistoryEntry("t2", "RUN |2 A=1 B=2 /bin/sh -c apt-get update # buildkit",
                        "buildkit.dockerfile.v0", false));
        Measurement m = measure(InMemoryImage.withHistory(history, layer().file("a", 1).build(),
                layer().file("b", 1).build()));
        assertThat(m.layers()).extracting(LayerMeasure::instruction)
                .containsExactly("ADD file:abc in /", "RUN apt-get update");
        assertThat(m.layers().get(1).created()).isEqualTo("t2");
        assertThat(m.layers().get(1).comment()).isEqualTo("buildkit.dockerfile.v0");

        Measurement mismatch = measure(InMemoryImage.withHistory(history.subList(0, 1),
                layer().file("a", 1).build(), layer().file("b", 1).build()));
        assertThat(mismatch.layers()).extracting(LayerMeasure::instruction).containsExactly("unknown", "unknown");
    }

    /** A record of the same name and components, whose toString the JDK generates. */
    private record Shadow(int topFiles, int maxWastedFiles) {
    }

    /** The options' hand-written text is the generated one (the result cache's keys hold it). */
    @Test
    void optionsTextIsTheRecordsOwn() {
        for (MeasureOptions o : List.of(MeasureOptions.DEFAULTS, new MeasureOptions(0, 20), new MeasureOptions(7, 0))) {
            assertThat(o.toString()).isEqualTo(new Shadow(o.topFiles(), o.maxWastedFiles()).toString()
                    .replace("Shadow[", "MeasureOptions["));
        }
    }
}
