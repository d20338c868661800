package dev.whittle.report;

import java.util.Locale;

/** Formats ratios as percentages for people. */
public final class Percent {
    private Percent() {
    }

    /** {@code 0.8123} -> {@code 81.2%}; non-finite ratios (0/0) -> {@code n/a}. */
    public static String of(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    /** {@code part} as a percentage of {@code whole}; {@code n/a} when whole is 0. */
    public static String of(long part, long whole) {
        return whole == 0 ? "n/a" : of((double) part / whole);
    }
}
