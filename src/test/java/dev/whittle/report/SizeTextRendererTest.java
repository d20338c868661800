package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.measure.pull.Bandwidth;
import dev.whittle.measure.pull.DeployTax;
import dev.whittle.measure.pull.LayerSize;
import dev.whittle.measure.pull.PlatformPull;
import dev.whittle.measure.pull.PullComparison;
import dev.whittle.measure.pull.PullSizes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeTextRendererTest {
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);
    static final String C = "sha256:" + "c".repeat(64);

    @Test
    void duration_readable() {
        assertThat(SizeTextRenderer.duration(0.4215)).isEqualTo("0.42 s");
        assertThat(SizeTextRenderer.duration(37.4)).isEqualTo("37 s");
        assertThat(SizeTextRenderer.duration(725)).isEqualTo("12 min 5 s");
        assertThat(SizeTextRenderer.duration(7380)).isEqualTo("2 h 3 min");
    }

    @Test
    void report_deployTaxAndComparison() {
        PlatformPull fat = PlatformPull.of("linux/amd64", A, 1_000, 9_000, List.of(
                new LayerSize(0, A, "application/vnd.oci.image.layer.v1.tar+gzip", 30_000_000, true),
                new LayerSize(1, B, "application/vnd.oci.image.layer.v1.tar+gzip", 1_790_000_000L, true)));
        PlatformPull slim = PlatformPull.of("linux/amd64", C, 1_000, 9_000, List.of(
                new LayerSize(0, A, "application/vnd.oci.image.layer.v1.tar+gzip", 30_000_000, true),
                new LayerSize(1, C, "application/vnd.oci.image.layer.v1.tar+gzip", 200_000_000, true)));
        PullSizes sizes = new PullSizes("reg.example.test/app:1", "registry manifests", null, List.of(fat));
        DeployTax tax = DeployTax.of(fat.totalBytes(), 50, Bandwidth.parse("1Gbit/s"));
        String text = SizeTextRenderer.render(sizes, fat, tax, PullComparison.of(fat, slim, 50));
        assertThat(text).startsWith("reg.example.test/app:1  from registry manifests\n\n")
                .contains("linux/amd64       2    1.82 GB  " + A)
                .contains("Deploy tax (linux/amd64, 50 instances):\n  bytes moved  91.0 GB  (50 x 1.82 GB)\n")
                .contains("  pull time    15 s per machine at 1Gbit/s; 12 min 8 s for the fleet through one shared"
                        + " 1Gbit/s link\n")
                .contains("saves 1.59 GB per pull (87.4%), 79.5 GB across 50 instances, 13 s per pull;"
                        + " 1 layer shared");
    }
}
