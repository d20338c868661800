package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NeverShipTest {
    private static final String ID = NeverShip.ID;

    @Test
    void catchesEachKindOfFileThatShouldNotShip() {
        Explanation x = image().layer("COPY . /srv # buildkit", layer()
                .file("srv/.git/objects/pack/p.pack", 5_000).file("srv/.git/HEAD", 20)
                .file("srv/logs/app.log", 800).file("srv/debug.log", 100)
                .file("srv/tests/test_api.py", 300).file("srv/web/button.spec.tsx", 40)
                .file("srv/dist/app.js", 900).file("srv/dist/app.js.map", 600)
                .file("srv/src/app.ts", 700).file("srv/src/types.d.ts", 10)
                .file("srv/.DS_Store", 6).file("srv/notes.txt~", 7).file("srv/.idea/workspace.xml", 8)
                .file("srv/core.1234", 4_000)
                .file("srv/assets/intro.mp4", 2 << 20).file("srv/assets/logo.png", 3 << 20)
                .file("usr/share/doc/curl/copyright", 1_000).file("usr/share/locale/de/LC_MESSAGES/x.mo", 2_000)
                .file("var/log/nginx/access.log", 90))
                .explain();
        assertThat(finding(x, ID, "version-control").bytes()).isEqualTo(5_020);
        assertThat(finding(x, ID, "log files").bytes()).isEqualTo(990);
        assertThat(finding(x, ID, "tests").bytes()).isEqualTo(340);
        assertThat(finding(x, ID, "source maps").bytes()).isEqualTo(600);
        assertThat(finding(x, ID, "TypeScript").bytes()).isEqualTo(700);
        assertThat(finding(x, ID, "droppings").bytes()).isEqualTo(21);
        assertThat(finding(x, ID, "core dumps").bytes()).isEqualTo(4_000);
        assertThat(finding(x, ID, "media").bytes()).isEqualTo(2 << 20);
        assertThat(finding(x, ID, "documentation").bytes()).isEqualTo(3_000);
    }

    @Test
    void doesNotCatchDependenciesSystemFilesOrSourcesWithoutBuildOutput() {
        Explanation x = image().layer("RUN /bin/sh -c build # buildkit", layer()
                .file("app/node_modules/x/test/index.test.js", 300).file("app/node_modules/x/.git/HEAD", 0)
                .file("usr/lib/python3/dist-packages/x/tests/t.py", 100).file("root/.npm/_logs/debug.log", 50)
                .file("app/src/main.ts", 500).file("usr/lib/x86_64-linux-gnu/core", 0)
                .file("app/server.js", 400).file("var/log/apt/history.log", 70))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
    }

    @Test
    void aPathIsAttributedToTheLayerThatAddedItNotToALaterChmodThatReshippedIt() {
        Explanation x = image().layer("/bin/sh -c #(nop) ADD file:1 in / ", layer().file("etc/os-release", 20))
                .layer("COPY . . # buildkit", layer().file("app/.git/objects/pack/p.pack", 5_000)
                        .file("app/.git/HEAD", 20).file("app/server.js", 100))
                .layer("RUN /bin/sh -c chmod -R g+w /app # buildkit", layer().file("app/.git/objects/pack/p.pack",
                        5_000).file("app/.git/HEAD", 20).file("app/server.js", 100))
                .explain();
        Finding vcs = finding(x, ID, "version-control");
        assertThat(vcs.evidence()).hasSize(1);
        Evidence e = vcs.evidence().get(0);
        assertThat(e.layer().index()).isEqualTo(2); // the bytes that ship are the chmod layer's copy
        assertThat(e.addedBy().index()).isEqualTo(1);
        assertThat(e.addedBy().instruction()).isEqualTo("COPY . .");
        assertThat(vcs.fix()).contains("They come with COPY . . (layer 1)").doesNotContain("chmod");
    }

    @Test
    void aPathDeletedAndAddedAgainIsAttributedToTheLayerThatAddedItAgain() {
        Explanation x = image().layer("COPY . . # buildkit", layer().file("app/.git/HEAD", 20))
                .layer("RUN /bin/sh -c rm -rf /app/.git # buildkit", layer().whiteout("app/.git"))
                .layer("COPY .git /app/.git # buildkit", layer().file("app/.git/HEAD", 30))
                .explain();
        Evidence e = finding(x, ID, "version-control").evidence().get(0);
        assertThat(e.layer().index()).isEqualTo(2);
        assertThat(e.addedBy()).isNull();
    }
}
