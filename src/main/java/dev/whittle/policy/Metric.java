package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.Totals;
import java.util.Locale;
import java.util.function.Function;

/** The numbers Whittle's own limit rules check, by Whittle's definitions (docs/metrics.md). */
enum Metric {
    SIZE("content size", m -> (double) m.totals().contentBytes(), Metric::bytes),
    PULL_SIZE("pull size", m -> m.totals().compressedBytes() == null ? null
            : (double) m.totals().compressedBytes(), Metric::bytes),
    EFFICIENCY("efficiency", m -> m.totals().efficiency(), v -> String.format(Locale.ROOT, "%.1f%%", v * 100)),
    WASTED_BYTES("wasted bytes", m -> (double) m.totals().wastedBytes(), Metric::bytes),
    WASTED_PERCENT("wasted share of the content", Metric::wastedPercent,
            v -> String.format(Locale.ROOT, "%.1f%%", v)),
    LAYERS("layers", m -> (double) m.totals().layerCount(), v -> String.valueOf(v.longValue()));

    final String label;
    private final Function<Measurement, Double> extract;
    private final Function<Double, String> format;

    Metric(String label, Function<Measurement, Double> extract, Function<Double, String> format) {
        this.label = label;
        this.extract = extract;
        this.format = format;
    }

    /** The value for this image, or null when it cannot be known (pull size of uncompressed layers). */
    Double measure(Measurement m) {
        return extract.apply(m);
    }

    String format(double value) {
        return format.apply(value);
    }

    private static String bytes(Double v) {
        return ByteSize.format(v.longValue());
    }

    private static Double wastedPercent(Measurement m) {
        Totals t = m.totals();
        return t.contentBytes() == 0 ? 0.0 : 100.0 * t.wastedBytes() / t.contentBytes();
    }
}
