package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaterCleanupTest {
    private static final String ID = LaterCleanup.ID;

    @Test
    void catchesFilesDeletedInALaterRunGroupedByTheTwoLayers() {
        Explanation x = image()
                .layer("RUN /bin/sh -c curl -O https://x/tool.tgz && tar xzf tool.tgz # buildkit",
                        layer().file("src/tool.tgz", 9_000).file("src/tool/bin", 4_000).file("usr/bin/tool", 4_000))
                .layer("RUN /bin/sh -c rm -rf /src # buildkit", layer().whiteout("src"))
                .explain();
        Finding f = finding(x, ID, "layer 0 ships 2 files that layer 1 deletes");
        assertThat(f.bytes()).isEqualTo(13_000);
        assertThat(f.evidence()).singleElement().satisfies(e -> {
            assertThat(e.layer().index()).isZero();
            assertThat(e.hiddenBy().index()).isEqualTo(1);
        });
        assertThat(f.fix()).contains("move `rm -rf /src` from layer 1 into layer 0: `RUN curl -O https://x/tool.tgz"
                + " && tar xzf tool.tgz && rm -rf /src`");
    }

    @Test
    void catchesTheBuildContextsNodeModulesCopiedOverTheInstalledOnes() {
        Explanation x = image()
                .layer("RUN /bin/sh -c npm install # buildkit", layer().file("app/node_modules/a/package.json", 40)
                        .file("app/node_modules/a/index.js", 2_000))
                .layer("COPY . . # buildkit", layer().file("app/node_modules/a/package.json", 41)
                        .file("app/node_modules/a/index.js", 2_100).file("app/server.js", 300))
                .options(ExplainOptions.DEFAULTS.withContext(Path.of("ctx"), "dist\n.git\n"))
                .explain();
        Finding f = finding(x, ID, "node_modules");
        assertThat(f.bytes()).isEqualTo(2_040);
        assertThat(f.fix()).contains("add node_modules/ to .dockerignore (ctx/.dockerignore does not exclude"
                + " node_modules)");
    }

    @Test
    void doesNotCatchManifestsCopiedTwiceStateFilesOrAFirstInstall() {
        Explanation x = image()
                .layer("ADD rootfs /", layer().file("var/lib/dpkg/status", 900).file("etc/passwd", 100))
                .layer("COPY package.json package-lock.json ./ # buildkit", layer().file("app/package.json", 50)
                        .file("app/package-lock.json", 70))
                .layer("RUN /bin/sh -c apt-get install -y x && npm ci # buildkit", layer()
                        .file("var/lib/dpkg/status", 1_000).file("app/node_modules/a/index.js", 500))
                .layer("COPY . . # buildkit", layer().file("app/package.json", 50).file("app/package-lock.json", 70)
                        .file("app/server.js", 30))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
    }

    @Test
    void mergesTheLongTailOfSmallPairsIntoOneFindingAndKeepsTheLargeOnesApart() {
        Fixture image = image().layer("ADD rootfs /", layer().file("usr/lib/big.so", 1_000_000)
                .file("opt/big/data", 60_000));
        for (int i = 1; i <= 5; i++) {
            image.layer("RUN /bin/sh -c make step" + i + " # buildkit", layer().file("build/s" + i + "/a.o", 1_000)
                    .file("build/s" + i + "/b.o", 500));
        }
        image.layer("RUN /bin/sh -c rm -rf /build /opt/big # buildkit", layer().whiteout("build").whiteout("opt/big"));
        Explanation x = image.explain();
        // the big pair is 5.3% of the image: a finding of its own; five pairs of 0.13% each become one
        assertThat(findings(x, ID)).hasSize(2);
        Finding big = finding(x, ID, "layer 0 ships 1 file that layer 6 deletes");
        assertThat(big.bytes()).isEqualTo(60_000);
        Finding tail = finding(x, ID, "5 smaller layer pairs (each under 1% of the image) ship 10 files");
        assertThat(tail.bytes()).isEqualTo(7_500);
        assertThat(tail.files()).isEqualTo(10);
        assertThat(tail.severity()).isEqualTo(Severity.LOW);
        assertThat(tail.evidence()).hasSize(5).allSatisfy(e -> {
            assertThat(e.hiddenBy().index()).isEqualTo(6);
            assertThat(e.bytes()).isEqualTo(1_500);
        });
        assertThat(tail.evidence()).extracting(e -> e.layer().index()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aFewSmallPairsStayFindingsOfTheirOwn() {
        Fixture image = image().layer("ADD rootfs /", layer().file("usr/lib/big.so", 1_000_000));
        for (int i = 1; i <= LaterCleanup.OWN_FINDINGS; i++) {
            image.layer("RUN /bin/sh -c make step" + i + " # buildkit", layer().file("build/s" + i + "/a.o", 1_000));
        }
        image.layer("RUN /bin/sh -c rm -rf /build # buildkit", layer().whiteout("build"));
        Explanation x = image.explain();
        assertThat(findings(x, ID)).hasSize(LaterCleanup.OWN_FINDINGS)
                .allSatisfy(f -> assertThat(f.title()).matches("layer \\d ships 1 file that layer 4 deletes"));
    }

    @Test
    void oneFindingPerCopyThatReplacedBuildOutputOfSeveralLayers() {
        Explanation x = image()
                .layer("RUN /bin/sh -c npm install # buildkit", layer().file("app/node_modules/a/index.js", 2_000))
                .layer("RUN /bin/sh -c npm install b # buildkit", layer().file("app/node_modules/b/index.js", 3_000))
                .layer("COPY . . # buildkit", layer().file("app/node_modules/a/index.js", 2_100)
                        .file("app/node_modules/b/index.js", 3_100))
                .explain();
        assertThat(findings(x, ID)).singleElement().satisfies(f -> {
            assertThat(f.title()).isEqualTo("COPY . . (layer 2) copied the build context's node_modules over what"
                    + " layers 0, 1 made");
            assertThat(f.bytes()).isEqualTo(5_000);
            assertThat(f.evidence()).hasSize(2);
            assertThat(f.caveats()).singleElement().asString().contains("the ones the image's own steps built");
        });
    }

    @Test
    void bytesAPackageCacheFindingNamesAreNotASecondFindingHere() {
        Explanation x = image()
                .layer("RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit", layer()
                        .file("var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease", 150_000)
                        .file("usr/bin/curl", 200_000).file("opt/tool/big.tgz", 90_000))
                .layer("RUN /bin/sh -c rm -rf /var/lib/apt/lists/* /opt/tool/big.tgz # buildkit",
                        layer().whiteout("var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease")
                                .whiteout("opt/tool/big.tgz"))
                .explain();
        assertThat(finding(x, "WX001", "apt package lists").bytes()).isEqualTo(150_000);
        Finding later = finding(x, ID, "deletes");
        assertThat(later.bytes()).isEqualTo(90_000);
        assertThat(Fixture.groups(later)).extracting(PathGroup::path).containsExactly("/opt/tool/big.tgz");
        assertThat(x.findings().stream().mapToLong(Finding::bytes).sum()).isEqualTo(x.summary().savedBytes());
    }
}
