package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect}'s document written field by field ({@link MeasurementJson}) is the document Jackson's data binding
 * writes for the same measurement, to the byte: measured from real archives with wasted, hidden and deleted files,
 * text that needs escaping, layers without history, and dive's ratios that are 0/0 (written as {@code null}).
 */
class MeasurementJsonTest {
    @TempDir
    Path dir;

    /** What {@code JsonReport} wrote for every result before inspect had its own writer. */
    private record Envelope(String schemaVersion, String kind, @JsonUnwrapped Object result) {
    }

    private static String bound(Measurement m) throws Exception {
        return JsonReport.mapper().writeValueAsString(new Envelope(JsonReport.SCHEMA_VERSION, "inspect", m)) + "\n";
    }

    private Measurement measure(TestImage image, String name, MeasureOptions options) {
        Path archive = dir.resolve(name + ".tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        try (Image img = ImageSources.open(ImageReference.parse("docker-archive:" + archive),
                SourceOptions.defaults())) {
            return ImageMeasurer.measure(img, FilesystemLoader.load(img), options);
        }
    }

    @Test
    void aLayeredImageWithWasteIsWrittenAsDataBindingWritesIt() throws Exception {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", 300).dir("usr/lib")
                        .file("usr/lib/big.so", 1 << 16).file("usr/lib/gone.so", 5000).file("usr/lib/ü é.txt", 12),
                        "ADD rootfs /")
                .layer(LayerTarBuilder.layer().dir("usr/lib").file("usr/lib/big.so", 1 << 15)
                        .whiteout("usr/lib/gone.so").symlink("usr/lib/link.so", "big.so"),
                        "RUN echo \"quoted\" \\ back\tslash && PASSWORD=hunter2 make")
                .layerWithoutHistory(LayerTarBuilder.layer().dir("app").file("app/a\"b.txt", 40))
                .emptyStep("ENV A=1")
                .comment("a comment with \u0001 control and ☃ snow")
                .repoTag("demo/wasted:1").repoTag("demo/wasted:latest")
                .build();
        for (MeasureOptions options : new MeasureOptions[] {MeasureOptions.DEFAULTS, new MeasureOptions(0, 0),
                new MeasureOptions(1, 1)}) {
            Measurement m = measure(image, "wasted", options);
            assertThat(m.wastedFiles().size() + m.dive().inefficientFiles().size()).isPositive();
            assertThat(JsonReport.render("inspect", m)).isEqualTo(bound(m));
        }
    }

    @Test
    void aSingleLayerImageWithDivesUndefinedRatioIsWrittenAsDataBindingWritesIt() throws Exception {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("bin").file("bin/sh", 100), "ADD rootfs /")
                .build();
        Measurement m = measure(image, "single", MeasureOptions.DEFAULTS);
        assertThat(Double.isNaN(m.dive().userWastedPercent())).isTrue();
        String written = JsonReport.render("inspect", m);
        assertThat(written).isEqualTo(bound(m)).contains("\"userWastedPercent\" : null").contains("\"tags\" : [ ]");
    }
}
