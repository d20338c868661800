package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much an image may grow against its baseline: a percentage, a byte amount, or both (exceeding either fails).
 *
 * @param percent the most growth in percent of the baseline, or null
 * @param bytes   the most growth in bytes, or null
 */
public record Growth(Double percent, Long bytes) {

    /** For people: {@code +5.0% and +20.0 MB}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (percent != null) {
            parts.add(String.format(Locale.ROOT, "+%s%%", trim(percent)));
        }
        if (bytes != null) {
            parts.add("+" + ByteSize.format(bytes));
        }
        return String.join(" and ", parts);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
