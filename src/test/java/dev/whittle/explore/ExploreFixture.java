package dev.whittle.explore;

import static dev.whittle.testing.LayerTarBuilder.layer;

import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.tree.LayerTrees;
import java.util.List;

/**
 * An image the explorer tests share, built in code. L0 (ADD rootfs): /bin/sh, /etc/os-release, /opt/app/{old,keep}.
 * L1 (apt-get install): a 40 kB package in /var/cache/apt/archives, /usr/bin/curl, /etc/os-release again (hiding
 * L0's). L2 (cleanup): a whiteout of /var/cache/apt/archives, an opaque /opt/app with /opt/app/new. L3 (COPY):
 * /app/server.jar.
 */
final class ExploreFixture {
    private ExploreFixture() {
    }

    static ExploreModel model() {
        List<HistoryEntry> history = List.of(
                new HistoryEntry("2024-01-01T00:00:00Z", "/bin/sh -c #(nop) ADD file:rootfs.tar in / ", null, false),
                new HistoryEntry("2024-01-01T00:00:00Z",
                        "RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", null, false),
                new HistoryEntry("2024-01-01T00:00:00Z", "RUN /bin/sh -c rm -rf /var/cache/apt/archives # buildkit",
                        null, false),
                new HistoryEntry("2024-01-01T00:00:00Z", "COPY app /app # buildkit", null, false));
        byte[][] tars = {
            layer().dir("bin").file("bin/sh", 200).dir("etc").file("etc/os-release", 50).dir("opt").dir("opt/app")
                    .file("opt/app/old", 300).file("opt/app/keep", 10).build(),
            layer().dir("var").dir("var/cache").dir("var/cache/apt").dir("var/cache/apt/archives")
                    .file("var/cache/apt/archives/curl_8.5.0_amd64.deb", 40_000).file("usr/bin/curl", 5_000)
                    .file("etc/os-release", 60).build(),
            layer().whiteout("var/cache/apt/archives").opaque("opt/app").file("opt/app/new", 7).build(),
            layer().dir("app").file("app/server.jar", 3_000).build()};
        InMemoryImage image = InMemoryImage.withHistory(history, tars);
        UnionView union = FilesystemLoader.load(image);
        Explanation x = Explainer.explain(InMemoryImage.withHistory(history, tars), ExplainOptions.DEFAULTS,
                dev.whittle.fs.LoadProgress.NONE);
        return new ExploreModel(ImageMeasurer.measure(image, union, new MeasureOptions(20, 200)),
                LayerTrees.of(union), x);
    }
}
