package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.report.Plural;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text outputs say "1 file", never "1 files". */
class PluralsTest {
    @TempDir
    Path dir;

    @Test
    void countsOfOneAreSingular() {
        assertThat(Plural.of(1, "file")).isEqualTo("1 file");
        assertThat(Plural.of(0, "file")).isEqualTo("0 files");
        assertThat(Plural.of(1234, "file")).isEqualTo("1,234 files");
        assertThat(Plural.of(2, "fix", "fixes")).isEqualTo("2 fixes");
    }

    @Test
    void imageCommandsSaySingularForOne() {
        Path archive = dir.resolve("one.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1000), "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1500), "RUN /bin/sh -c make tool # buildkit")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        String image = archive.toString();
        assertThat(CliRun.of("inspect", image).out()).contains("hidden by a later layer (1 file, ");
        assertThat(CliRun.of("ls", image, "--layer", "1").out()).contains("1 change, ");
        assertThat(CliRun.of("compare", image, image, "--files").out()).contains("0 files changed");

        Path single = dir.resolve("single.tar");
        TestImage.builder().layer(LayerTarBuilder.layer().file("a", 1), "ADD a /").build()
                .writeDockerArchive(single, DockerArchiveVariant.CLASSIC);
        assertThat(CliRun.of("ls", single.toString(), "--layer", "3").err())
                .contains("the image has 1 layer (0-0)");
    }
}
