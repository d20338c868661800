package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class MetadataCopiesTest {
    private static final String ID = MetadataCopies.ID;

    private static LayerTarBuilder owned(String path, byte[] content, int mode, int uid) {
        TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
        e.setSize(content.length);
        e.setMode(0100000 | mode);
        LayerTarBuilder b = layer().raw(e, content);
        e.setUserId(uid);
        return b;
    }

    @Test
    void catchesAChmodThatCopiesABigFileIntoANewLayer() {
        byte[] tool = LayerTarBuilder.content("tool", 50_000);
        Explanation x = image()
                .layer("COPY tool /usr/local/bin/tool # buildkit", layer().file("usr/local/bin/tool", tool, 0644))
                .layer("RUN /bin/sh -c chmod +x /usr/local/bin/tool # buildkit",
                        layer().file("usr/local/bin/tool", tool, 0755))
                .explain();
        Finding f = finding(x, ID, "the mode");
        assertThat(f.bytes()).isEqualTo(50_000);
        assertThat(f.title()).isEqualTo("RUN chmod +x /usr/local/bin/tool (layer 1) copied 1 file again only to change"
                + " the mode");
        assertThat(f.fix()).contains("`COPY --chmod=755 tool /usr/local/bin/tool`");
        assertThat(findings(x, LaterCleanup.ID)).isEmpty(); // reported once, here
    }

    @Test
    void catchesAChownOfAnEarlierCopy() {
        byte[] app = LayerTarBuilder.content("app", 8_000);
        Explanation x = image()
                .layer("COPY . /app # buildkit", owned("app/app.jar", app, 0644, 0))
                .layer("RUN /bin/sh -c chown -R 1000 /app # buildkit", owned("app/app.jar", app, 0644, 1000))
                .explain();
        Finding f = finding(x, ID, "the owner");
        assertThat(f.bytes()).isEqualTo(8_000);
        assertThat(f.fix()).contains("--chown=USER:GROUP");
    }

    @Test
    void doesNotCatchARealRewriteOrAnUnchangedMode() {
        Explanation x = image()
                .layer("COPY tool /usr/local/bin/tool", layer().file("usr/local/bin/tool", 50_000)
                        .file("etc/app.conf", 100))
                .layer("RUN /bin/sh -c make tool", layer().file("usr/local/bin/tool", 60_000)
                        .file("etc/app.conf", 100))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
    }

    @Test
    void withHashingDifferentBytesOfTheSameSizeAreNoMetadataCopy() {
        Explanation x = image()
                .layer("COPY tool /t", layer().file("t", LayerTarBuilder.content("one", 5_000), 0644))
                .layer("RUN /bin/sh -c build && chmod +x /t", layer().file("t", LayerTarBuilder.content("two", 5_000),
                        0755))
                .options(ExplainOptions.DEFAULTS.withHash(true))
                .explain();
        assertThat(findings(x, ID)).isEmpty();
    }
}
