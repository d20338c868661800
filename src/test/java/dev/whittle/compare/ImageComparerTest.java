package dev.whittle.compare;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.ImageMeasurer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two images sharing a base layer:
 * <pre>
 * base layer  /bin/sh 500                                      (same bytes in both: same diff id)
 * A layer 1   /app/a 100, /app/b 50, /etc/c 10, /app/lib/x 20
 * A layer 2   /app/b 60 (overwrites 50: A wastes 50)
 * B layer 1   /app/a 150, /etc/c 5, /app/new 30, /app/lib/x 20
 * A: content 740, visible 690, 3 layers. B: content 705, visible 705, 2 layers.
 * Files A->B: /app/a grown +50, /app/b removed -60, /etc/c shrunk -5, /app/new added +30, /app/lib/x unchanged.
 * </pre>
 */
class ImageComparerTest {
    static final byte[] BASE = layer().file("bin/sh", 500).build();

    static MeasuredImage measured(String name, byte[]... tars) {
        InMemoryImage image = InMemoryImage.of(tars);
        UnionView union = FilesystemLoader.load(image);
        return new MeasuredImage(name, ImageMeasurer.measure(image, union), union);
    }

    static final MeasuredImage A = measured("a", BASE,
            layer().file("app/a", 100).file("app/b", 50).file("etc/c", 10).file("app/lib/x", 20).build(),
            layer().file("app/b", 60).build());
    static final MeasuredImage B = measured("b", BASE,
            layer().file("app/a", 150).file("etc/c", 5).file("app/new", 30).file("app/lib/x", 20).build());

    @Test
    void tableWithChangesAgainstTheFirst() {
        Comparison c = ImageComparer.compare(List.of(A, B), CompareOptions.TABLE);
        assertThat(c.files()).isNull();
        assertThat(c.layers()).isNull();
        ComparedImage a = c.images().get(0);
        ComparedImage b = c.images().get(1);
        assertThat(a.contentBytes()).isEqualTo(740);
        assertThat(a.contentChange()).isEqualTo(new Change(0, 0.0));
        assertThat(b.contentBytes()).isEqualTo(705);
        assertThat(b.contentChange().absolute()).isEqualTo(-35);
        assertThat(b.contentChange().percent()).isCloseTo(-35 * 100.0 / 740, within(1e-9));
        assertThat(b.layers()).isEqualTo(2);
        assertThat(b.layersChange().absolute()).isEqualTo(-1);
        assertThat(b.layersChange().percent()).isCloseTo(-100.0 / 3, within(1e-9));
        assertThat(a.wastedBytes()).isEqualTo(50);
        assertThat(b.wastedBytes()).isZero();
        assertThat(b.wastedChange()).isEqualTo(new Change(-50, -100.0));
        assertThat(b.efficiencyChange()).isCloseTo(100.0 * (1.0 - 690.0 / 740), within(1e-9));
        assertThat(b.pullBytes()).isNull();
        assertThat(b.pullChange()).isNull();
    }

    @Test
    void percentIsNullAgainstZero() {
        Comparison c = ImageComparer.compare(List.of(B, A), CompareOptions.TABLE);
        assertThat(c.images().get(1).wastedChange()).isEqualTo(new Change(50, null));
    }

    @Test
    void filesByDirectoryThenFileLargestFirst() {
        FilesystemDiff d = ImageComparer.compare(List.of(A, B), new CompareOptions(true, false, 1, 100)).files();
        assertThat(d.bytesBefore()).isEqualTo(690);
        assertThat(d.bytesAfter()).isEqualTo(705);
        assertThat(d.changedFiles()).isEqualTo(4);
        assertThat(d.files()).containsExactly(
                new FileChange("/app/b", FileChangeKind.REMOVED, 60, 0),
                new FileChange("/app/a", FileChangeKind.GROWN, 100, 150),
                new FileChange("/app/new", FileChangeKind.ADDED, 0, 30),
                new FileChange("/etc/c", FileChangeKind.SHRUNK, 10, 5));
        // /app: before 160, after 180 (+20): 1 added, 1 removed, 1 grown. /etc: -5.
        assertThat(d.directories()).containsExactly(new DirectoryChange("/app", 160, 180, 1, 1, 1, 0),
                new DirectoryChange("/etc", 10, 5, 0, 0, 0, 1));
        FilesystemDiff capped = ImageComparer.compare(List.of(A, B), new CompareOptions(true, false, 1, 2)).files();
        assertThat(capped.files()).hasSize(2);
        assertThat(capped.changedFiles()).isEqualTo(4);
    }

    @Test
    void directoryDepth() {
        assertThat(FilesystemDiffer.directoryOf("/app/node_modules/typescript/lib/ts.js", 3))
                .isEqualTo("/app/node_modules/typescript");
        assertThat(FilesystemDiffer.directoryOf("/app/server.js", 3)).isEqualTo("/app");
        assertThat(FilesystemDiffer.directoryOf("/top", 3)).isEqualTo("/");
        assertThat(FilesystemDiffer.directoryOf("/a/b/c", 1)).isEqualTo("/a");
    }

    @Test
    void layersSharedByDiffId() {
        LayerSharing s = ImageComparer.compare(List.of(A, B), new CompareOptions(false, true, 3, 10)).layers()
                .get(0);
        assertThat(s.layers()).extracting(SharedLayer::baseIndex).containsExactly(0, null);
        assertThat(s.sharedCount()).isEqualTo(1);
        assertThat(s.sharedBytes()).isEqualTo(500);
        assertThat(s.newCount()).isEqualTo(1);
        assertThat(s.newBytes()).isEqualTo(205);
    }
}
