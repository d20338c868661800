package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
    private static final byte[] LIB = LayerTarBuilder.content("lib", 40_000);

    private static Fixture twoCopies() {
        return image()
                .layer("COPY lib /opt/a/lib.so # buildkit", layer().file("opt/a/lib.so", LIB).file("opt/a/x", 5_000))
                .layer("COPY lib /opt/b/lib.so # buildkit", layer().file("opt/b/lib.so", LIB).file("opt/b/x", 5_001)
                        .file("opt/b/tiny", "same").file("opt/c/tiny", "same"));
    }

    @Test
    void withHashCatchesIdenticalFilesAndKeepsTheFirstCopy() {
        Explanation x = twoCopies().options(ExplainOptions.DEFAULTS.withHash(true)).explain();
        Finding f = finding(x, Duplicates.ID, "identical");
        assertThat(f.bytes()).isEqualTo(40_000);
        assertThat(Fixture.groups(f)).singleElement().satisfies(g -> {
            assertThat(g.path()).isEqualTo("/opt/b/lib.so");
            assertThat(g.note()).isEqualTo("same bytes as /opt/a/lib.so");
        });
    }

    @Test
    void withoutHashNothingIsRead() {
        assertThat(findings(twoCopies().explain(), Duplicates.ID)).isEmpty();
    }
}
