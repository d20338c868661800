package dev.whittle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** go-humanize's ParseBytes and Go's ParseFloat, as dive reads .dive-ci values. */
class DiveValuesTest {

    @Test
    void bytesDecimalAndBinaryUnits() {
        assertThat(DiveValues.parseBytes("20MB")).isEqualTo(20_000_000L);
        assertThat(DiveValues.parseBytes("20mb")).isEqualTo(20_000_000L);
        assertThat(DiveValues.parseBytes("20 MB")).isEqualTo(20_000_000L);
        assertThat(DiveValues.parseBytes("20MiB")).isEqualTo(20L << 20);
        assertThat(DiveValues.parseBytes("20M")).isEqualTo(20_000_000L); // humanize: a bare M is decimal
        assertThat(DiveValues.parseBytes("20Mi")).isEqualTo(20L << 20);
        assertThat(DiveValues.parseBytes("0.2GB")).isEqualTo(200_000_000L);
        assertThat(DiveValues.parseBytes("1,000")).isEqualTo(1000L);
        assertThat(DiveValues.parseBytes("1000")).isEqualTo(1000L);
        assertThat(DiveValues.parseBytes("1.9")).isEqualTo(1L); // truncated, as uint64(float64) does
        assertThat(DiveValues.parseBytes("1.96KiB")).isEqualTo(2007L); // 2007.04
    }

    @Test
    void bytesRejectWhatHumanizeRejects() {
        assertThatThrownBy(() -> DiveValues.parseBytes("-1")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DiveValues.parseBytes("MB")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DiveValues.parseBytes("20 megabytes")).hasMessageContaining("megabytes");
        assertThatThrownBy(() -> DiveValues.parseBytes(" 20MB")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void floatsAsGoParsesThem() {
        assertThat(DiveValues.parseFloat("0.9")).isEqualTo(0.9);
        assertThat(DiveValues.parseFloat(".9")).isEqualTo(0.9);
        assertThat(DiveValues.parseFloat("9e-1")).isEqualTo(0.9);
        assertThat(DiveValues.parseFloat("1")).isEqualTo(1.0);
        assertThatThrownBy(() -> DiveValues.parseFloat("90%")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DiveValues.parseFloat(" 0.9")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> DiveValues.parseFloat("0.9d")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void disabledValues() {
        for (String v : new String[] {"", "  ", "disabled", "DISABLED", "off", "Off", "false", "FALSE"}) {
            assertThat(DiveValues.isDisabled(v)).as(v).isTrue();
        }
        for (String v : new String[] {"0", "no", "0.9", "none"}) {
            assertThat(DiveValues.isDisabled(v)).as(v).isFalse();
        }
    }
}
