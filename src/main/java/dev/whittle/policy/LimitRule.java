package dev.whittle.policy;

import java.util.Locale;

/**
 * A number the image must stay at or under ({@code max-*}) or at or over ({@code min-*}). Equal to the limit passes.
 *
 * @param key     the configured key
 * @param config  the file it came from
 * @param metric  what is measured
 * @param limit   the limit, in the metric's unit (bytes, ratio, percent, count)
 * @param minimum true for a lower bound
 */
record LimitRule(String key, String config, Metric metric, double limit, boolean minimum) implements Rule {

    @Override
    public RuleResult evaluate(Subject subject) {
        String limitText = (minimum ? ">= " : "<= ") + metric.format(limit);
        Double value = metric.measure(subject.measurement());
        if (value == null) {
            return RuleResult.of(key, config, Status.SKIP, "unknown", limitText, null, limit,
                    metric.label + " unknown: the layers are stored uncompressed in this source (a registry would "
                            + "compress them); check a pushed image or an OCI layout with compressed layers");
        }
        boolean fail = minimum ? value < limit : value > limit;
        String measured = metric.format(value);
        String message = fail
                ? String.format(Locale.ROOT, "%s %s is %s the limit %s", metric.label, measured,
                        minimum ? "below" : "above", metric.format(limit))
                : String.format(Locale.ROOT, "%s %s is within the limit %s", metric.label, measured, limitText);
        return RuleResult.of(key, config, fail ? Status.FAIL : Status.PASS, measured, limitText, value, limit,
                message);
    }
}
