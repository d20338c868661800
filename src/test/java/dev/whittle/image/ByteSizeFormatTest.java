package dev.whittle.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteSize#format} in integer arithmetic prints what the {@code String.format} definition it replaced printed,
 * on every boundary of a unit and of a digit count and on sizes generated up to a petabyte; past that, the exact
 * quotient is rounded where the double the definition divided no longer can be.
 */
class ByteSizeFormatTest {
    /** The definition: repeated division in double, then {@code %.Nf} for three significant digits. */
    private static String definition(long bytes) {
        if (bytes < 0) {
            return "-" + definition(-bytes);
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int u = -1;
        while (value >= 999.5 && u < units.length - 1) {
            value /= 1000;
            u++;
        }
        String number = value >= 99.95 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 9.995 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + units[u];
    }

    @Test
    void everyBoundaryPrintsAsTheDefinition() {
        // for each unit: the digit-count and unit thresholds (9.995, 99.95, 999.5 of it) and the ties of each
        // rounding, a few bytes either side
        for (long unit = 1; unit <= 1_000_000_000L; unit *= 1000) {
            for (long at : new long[] {1000, 9995, 99950, 999500, 1005, 1015, 10050, 10150, 100500, 101500, 999999}) {
                // "at" counts thousandths of a unit (of kB when unit is 1, of MB when it is 1000): 9995 is 9.995 of it
                for (long b = Math.max(0, at * unit - 3); b <= at * unit + 3; b++) {
                    assertThat(ByteSize.format(b)).as("%d bytes", b).isEqualTo(definition(b));
                }
            }
        }
        for (long b = 0; b < 2_000_000; b++) {
            if (b < 20_000 || b % 97 == 0) {
                assertThat(ByteSize.format(b)).as("%d bytes", b).isEqualTo(definition(b));
            }
        }
    }

    @Test
    void randomSizesPrintAsTheDefinition() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 300_000; i++) {
            long b = (long) Math.pow(10, random.nextDouble(0, 15));
            assertThat(ByteSize.format(b)).as("%d bytes", b).isEqualTo(definition(b));
            assertThat(ByteSize.format(-b)).as("%d bytes", -b).isEqualTo(definition(-b));
        }
    }

    @Property(tries = 2000)
    void generatedSizesPrintAsTheDefinition(@ForAll("sizes") long bytes) {
        assertThat(ByteSize.format(bytes)).isEqualTo(definition(bytes));
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000_000_000_000L),
                Arbitraries.longs().between(0, 10_000_000), Arbitraries.longs().between(-10_000_000_000L, 0));
    }

    @Test
    void sizesPastTwoToTheFiftyThreeAreExact() {
        assertThat(ByteSize.format(1L << 53)).isEqualTo("9.01 PB");
        assertThat(ByteSize.format(999_499_999_999_999_999L)).isEqualTo("999 PB");
        assertThat(ByteSize.format(999_500_000_000_000_000L)).isEqualTo("1.00 EB");
        assertThat(ByteSize.format(9_215_000_000_000_000_000L - 1)).isEqualTo("9.21 EB");
        assertThat(ByteSize.format(9_215_000_000_000_000_000L)).isEqualTo("9.22 EB");
        assertThat(ByteSize.format(Long.MAX_VALUE)).isEqualTo("9.22 EB");
        assertThat(ByteSize.format(Long.MIN_VALUE)).isEqualTo("-9.22 EB");
    }
}
