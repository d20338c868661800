package dev.whittle.policy;

import dev.whittle.image.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fails when {@code whittle explain} finds anything at or above a severity.
 *
 * @param config    the file it came from
 * @param threshold the lowest severity that fails
 */
record FailOnRule(String config, Severity threshold) implements Rule {
    static final String KEY = "fail-on";

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(Subject subject) {
        String limit = "no finding >= " + name(threshold);
        if (subject.findings() == null) {
            return RuleResult.of(KEY, config, Status.SKIP, "unknown", limit, null, 0.0,
                    "explain was not run");
        }
        List<String> details = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        for (ExplainFinding f : subject.findings()) {
            if (f.severity().atLeast(threshold)) {
                layers.add(f.layer());
                details.add(f.id() + " " + name(f.severity()) + ": " + f.title()
                        + (f.bytes() > 0 ? " (saves " + ByteSize.format(f.bytes()) + ")" : ""));
            }
        }
        String measured = details.size() + (details.size() == 1 ? " finding" : " findings");
        if (details.isEmpty()) {
            return RuleResult.of(KEY, config, Status.PASS, measured, limit, 0.0, 0.0,
                    "explain finds nothing at or above " + name(threshold));
        }
        return new RuleResult(KEY, config, Status.FAIL, measured, limit, (double) details.size(), 0.0,
                measured + " at or above " + name(threshold) + " (run whittle explain for evidence and fixes)",
                details).withDetailLayers(layers);
    }

    private static String name(Severity s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
