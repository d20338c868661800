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
}
