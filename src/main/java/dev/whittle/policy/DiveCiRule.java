package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import dev.whittle.measure.DiveMetrics;
import java.util.Locale;

/**
 * One of dive's three CI rules, evaluated exactly as {@code dive --ci} does on dive's own metrics
 * ({@link DiveMetrics}): strict comparisons, so a value equal to its threshold passes.
 *
 * @param kind      which rule
 * @param config    the file it came from, or {@code dive defaults}
 * @param raw       the configured text
 * @param threshold the parsed threshold (a ratio, or bytes for highestWastedBytes); ignored when disabled
 * @param disabled  true when the value switches the rule off
 */
record DiveCiRule(Kind kind, String config, String raw, double threshold, boolean disabled) implements Rule {

    /** dive's rule keys and defaults. */
    enum Kind {
        LOWEST_EFFICIENCY("lowestEfficiency", "lowest-efficiency-threshold", "0.9"),
        HIGHEST_WASTED_BYTES("highestWastedBytes", "highest-wasted-bytes", "disabled"),
        HIGHEST_USER_WASTED_PERCENT("highestUserWastedPercent", "highest-user-wasted-percent", "0.1");

        final String key;
        final String kebabKey;
        final String defaultValue;

        Kind(String key, String kebabKey, String defaultValue) {
            this.key = key;
            this.kebabKey = kebabKey;
            this.defaultValue = defaultValue;
        }
    }

    @Override
    public String key() {
        return kind.key;
    }

    @Override
    public RuleResult evaluate(Subject subject) {
        DiveMetrics d = subject.measurement().dive();
        if (disabled) {
            return RuleResult.of(kind.key, config, Status.SKIP, measured(d), "disabled", value(d), null,
                    raw.trim().equalsIgnoreCase("disabled") ? "rule disabled"
                            : "rule disabled (" + (raw.isBlank() ? "empty" : raw) + ")");
        }
        return switch (kind) {
            case LOWEST_EFFICIENCY -> {
                boolean fail = threshold > d.efficiency();
                yield result(d, fail, ">= " + trim(threshold), fail
                        ? String.format(Locale.ROOT, "image efficiency is too low (efficiency=%.4f < threshold=%s)",
                                d.efficiency(), trim(threshold))
                        : "dive's efficiency is at or above the threshold");
            }
            case HIGHEST_WASTED_BYTES -> {
                boolean fail = Long.compareUnsigned(d.wastedBytes(), (long) threshold) > 0;
                yield result(d, fail, "<= " + ByteSize.format((long) threshold) + " (" + (long) threshold
                        + " bytes)", fail ? String.format(Locale.ROOT,
                                "too many bytes wasted (wasted-bytes=%d > threshold=%d)", d.wastedBytes(),
                                (long) threshold)
                        : "dive's wasted bytes are at or under the threshold");
            }
            case HIGHEST_USER_WASTED_PERCENT -> {
                boolean fail = d.userWastedPercent() > threshold;
                yield result(d, fail, "<= " + trim(threshold), fail ? String.format(Locale.ROOT,
                                "too many bytes wasted, relative to the user bytes added "
                                        + "(%%-user-wasted-bytes=%.4f > threshold=%s)", d.userWastedPercent(),
                                trim(threshold))
                        : "dive's user wasted ratio is at or under the threshold");
            }
        };
    }

    private RuleResult result(DiveMetrics d, boolean fail, String limit, String message) {
        return RuleResult.of(kind.key, config, fail ? Status.FAIL : Status.PASS, measured(d), limit, value(d),
                threshold, message);
    }

    private Double value(DiveMetrics d) {
        return switch (kind) {
            case LOWEST_EFFICIENCY -> d.efficiency();
            case HIGHEST_WASTED_BYTES -> (double) d.wastedBytes();
            case HIGHEST_USER_WASTED_PERCENT -> d.userWastedPercent();
        };
    }

    private String measured(DiveMetrics d) {
        return switch (kind) {
            case LOWEST_EFFICIENCY -> String.format(Locale.ROOT, "%.4f (%.1f%%)", d.efficiency(),
                    d.efficiency() * 100);
            case HIGHEST_WASTED_BYTES -> ByteSize.format(d.wastedBytes()) + " (" + d.wastedBytes() + " bytes)";
            case HIGHEST_USER_WASTED_PERCENT -> Double.isFinite(d.userWastedPercent())
                    ? String.format(Locale.ROOT, "%.4f (%.1f%%)", d.userWastedPercent(), d.userWastedPercent() * 100)
                    : String.valueOf(d.userWastedPercent());
        };
    }

    private static String trim(double d) {
        return BigDecimalText.of(d);
    }
}
