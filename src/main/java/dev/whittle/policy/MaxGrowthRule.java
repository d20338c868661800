package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import java.util.Locale;

/**
 * Fails when the image's content size grew against the baseline by more than a percentage or a byte amount.
 *
 * @param config the file it came from
 * @param growth the allowed growth
 */
record MaxGrowthRule(String config, Growth growth) implements Rule {
    static final String KEY = "max-growth";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(Subject subject) {
        String limit = "at most " + growth.describe();
        Baseline base = subject.baseline();
        if (base == null) {
            return RuleResult.of(KEY, config, Status.SKIP, "unknown", limit, null, null, "no baseline given");
        }
        long size = subject.measurement().totals().contentBytes();
        long grew = size - base.contentBytes();
        Double pct = base.contentBytes() == 0 ? null : 100.0 * grew / base.contentBytes();
        boolean overBytes = growth.bytes() != null && grew > growth.bytes();
        boolean overPercent = growth.percent() != null
                && (pct == null ? grew > 0 : pct > growth.percent());
        String measured = (grew > 0 ? "+" : "") + ByteSize.format(grew)
                + (pct == null ? "" : String.format(Locale.ROOT, " (%+.1f%%)", pct));
        String message = String.format(Locale.ROOT, "%s -> %s against the baseline %s", ByteSize.format(
                base.contentBytes()), ByteSize.format(size), base.reference());
        boolean fail = overBytes || overPercent;
        return RuleResult.of(KEY, config, fail ? Status.FAIL : Status.PASS, measured, limit, (double) grew,
                growth.bytes() == null ? null : (double) growth.bytes(),
                (fail ? "grew too much: " : "") + message);
    }
}
