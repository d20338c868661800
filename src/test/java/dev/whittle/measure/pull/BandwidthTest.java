package dev.whittle.measure.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.whittle.image.Digest;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandwidthTest {
    @Test
    void parsesBitsAndBytesDecimalAndBinary() {
        assertThat(Bandwidth.parse("1Gbit/s").bytesPerSecond()).isEqualTo(125_000_000.0);
        assertThat(Bandwidth.parse("100Mbit/s").bytesPerSecond()).isEqualTo(12_500_000.0);
        assertThat(Bandwidth.parse("100Mbps").bytesPerSecond()).isEqualTo(12_500_000.0);
        assertThat(Bandwidth.parse("50MB/s").bytesPerSecond()).isEqualTo(50_000_000.0);
        assertThat(Bandwidth.parse("1MiB/s").bytesPerSecond()).isEqualTo(1_048_576.0);
        assertThat(Bandwidth.parse(" 2.5 Gb/s ").bytesPerSecond()).isEqualTo(312_500_000.0);
        assertThat(Bandwidth.parse("800bit/s").bytesPerSecond()).isEqualTo(100.0);
    }

    @Test
    void rejectsWhatIsNotARate() {
        for (String bad : List.of("fast", "1G", "0Mbit/s", "-5MB/s", "10 iB/s", "")) {
            assertThatThrownBy(() -> Bandwidth.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bandwidth");
        }
    }

    @Test
    void deployTax_fleetBytesAndTimes() {
        DeployTax tax = DeployTax.of(1_820_000_000L, 50, Bandwidth.parse("1Gbit/s"));
        assertThat(tax.totalBytes()).isEqualTo(91_000_000_000L);
        assertThat(tax.secondsPerPull()).isCloseTo(14.56, within(1e-9));
        assertThat(tax.secondsSharedLink()).isCloseTo(728.0, within(1e-9));
        assertThat(DeployTax.of(10, 3, null).secondsPerPull()).isNaN();
        assertThatThrownBy(() -> DeployTax.of(10, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparison_savedBytesAndSharedLayers() {
        String base = Digest.sha256(new byte[] {1}).toString();
        String fat = Digest.sha256(new byte[] {2}).toString();
        String slim = Digest.sha256(new byte[] {3}).toString();
        PlatformPull before = PlatformPull.of(null, null, 500, 1500, List.of(
                new LayerSize(0, base, null, 30_000, true), new LayerSize(1, fat, null, 68_000, true)));
        PlatformPull after = PlatformPull.of(null, null, 500, 1500, List.of(
                new LayerSize(0, base, null, 30_000, true), new LayerSize(1, slim, null, 8_000, true)));
        PullComparison c = PullComparison.of(before, after, 10);
        assertThat(before.totalBytes()).isEqualTo(100_000);
        assertThat(c.savedPerPull()).isEqualTo(60_000);
        assertThat(c.savedFraction()).isEqualTo(0.6);
        assertThat(c.savedFleet()).isEqualTo(600_000);
        assertThat(c.sharedLayers()).isEqualTo(1);
    }
}
