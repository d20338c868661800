package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BaseImageTest {
    private static final String ID = BaseImage.ID;

    @Test
    void identifiesTheOsAndRuntimeOfTheLayersBeforeTheBaseImagesLastCmd() {
        Explanation x = image()
                .layer("/bin/sh -c #(nop) ADD file:abc in / ", layer()
                        .file("usr/lib/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n")
                        .symlink("etc/os-release", "../usr/lib/os-release").file("usr/share/doc/x/copyright", 100)
                        .file("usr/share/locale/de/x.mo", 100).file("bin/bash", 800))
                .step("/bin/sh -c #(nop)  CMD [\"bash\"]")
                .layer("/bin/sh -c pip install python", layer().file("usr/local/bin/python3", 1_000))
                .step("/bin/sh -c #(nop)  CMD [\"python3\"]")
                .layer("COPY . /app # buildkit", layer().file("app/main.py", 3_000))
                .step("CMD [\"python3\", \"/app/main.py\"]")
                .explain();
        Finding f = finding(x, ID, "base image");
        assertThat(f.title()).startsWith("base image: Debian GNU/Linux 12 (bookworm) with Python, 2.0")
                .endsWith(" in layers 0-1").doesNotContain("%");
        // A number, not a formatted percentage: renderers format it.
        long base = f.evidence().stream().mapToLong(Evidence::bytes).sum();
        assertThat(f.imageShare()).isEqualTo((double) base / x.summary().contentBytes());
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).extracting(e -> e.layer().index()).containsExactly(0, 1);
        assertThat(f.fix()).contains("python-slim or -alpine");
        assertThat(f.bytes()).isZero();
    }

    @Test
    void theDockerfileAlignmentMarksTheBaseLayersAndGivesThemNoLine() {
        Explanation x = image()
                .layer("/bin/sh -c #(nop) ADD file:abc in / ", layer().file("etc/os-release", "ID=alpine\n"
                        + "PRETTY_NAME=\"Alpine Linux v3.19\"\n"))
                .layer("COPY app /app # buildkit", layer().file("app/app", 100))
                .options(ExplainOptions.DEFAULTS.withDockerfile("Dockerfile", "FROM alpine:3.19\nCOPY app /app\n"))
                .explain();
        Finding f = finding(x, ID, "base image");
        assertThat(f.title()).startsWith("base image: Alpine Linux v3.19, ").endsWith("in layer 0");
        assertThat(f.evidence().get(0).layer().dockerfile()).isNull();
        assertThat(f.evidence().get(0).layer().base()).isEqualTo("alpine:3.19");
        assertThat(f.fix()).startsWith("Already a minimal base (Alpine)");
    }

    @Test
    void doesNotGuessWhenNothingMarksTheBase() {
        Explanation x = image().layer("RUN /bin/sh -c make", layer().file("a", 10)).step("CMD [\"a\"]").explain();
        assertThat(findings(x, ID)).isEmpty();
    }
}
