package dev.whittle.policy;

import java.util.List;

/**
 * One rule's verdict, with what was measured and the limit, for people and machines.
 *
 * @param rule          the rule's key as configured, e.g. {@code max-size} or {@code lowestEfficiency}
 * @param config        where the rule came from: a config file, or {@code dive defaults}
 * @param status        PASS, FAIL or SKIP
 * @param measured      the measured value for people, e.g. {@code 42.7 MB}
 * @param limit         the limit for people, e.g. {@code <= 20.0 MB}
 * @param measuredValue the measured value as a number (bytes, ratio, count), or null
 * @param limitValue    the limit as a number, or null
 * @param message       one line saying why it passed, failed or was skipped
 * @param details       the offending items (forbidden paths, findings), largest first; may be empty
 * @param line          the line of {@code config} that set the rule (1-based), or 0 when no line did (a default)
 * @param detailLayers  for each of {@code details}, the layer that put the item in the image (a forbidden path's,
 *                      the layer of a finding's largest evidence), or -1 when no one layer did; empty when the rule
 *                      has no per-item layers
 */
public record RuleResult(String rule, String config, Status status, String measured, String limit,
                         Double measuredValue, Double limitValue, String message, List<String> details, int line,
                         List<Integer> detailLayers) {
    public RuleResult {
        details = List.copyOf(details);
        detailLayers = List.copyOf(detailLayers);
        if (!detailLayers.isEmpty() && detailLayers.size() != details.size()) {
            throw new IllegalArgumentException("one layer per detail: " + details.size() + " details, "
                    + detailLayers.size() + " layers");
        }
    }

    /** A result placed on {@code line} of its file, its details not traced to layers. */
    public RuleResult(String rule, String config, Status status, String measured, String limit, Double measuredValue,
                      Double limitValue, String message, List<String> details, int line) {
        this(rule, config, status, measured, limit, measuredValue, limitValue, message, details, line, List.of());
    }

    /** A result not yet placed on a line of its file. */
    public RuleResult(String rule, String config, Status status, String measured, String limit, Double measuredValue,
                      Double limitValue, String message, List<String> details) {
        this(rule, config, status, measured, limit, measuredValue, limitValue, message, details, 0, List.of());
    }

    /** A copy whose details are traced to the layers that made them (one per detail, -1 for none). */
    public RuleResult withDetailLayers(List<Integer> layers) {
        return new RuleResult(rule, config, status, measured, limit, measuredValue, limitValue, message, details, line,
                layers);
    }

    /** The layer behind detail {@code i}, or -1. */
    public int layerOf(int i) {
        return detailLayers.isEmpty() ? -1 : detailLayers.get(i);
    }

    /** A copy placed on {@code configLine} of its configuration file. */
    public RuleResult atLine(int configLine) {
        return new RuleResult(rule, config, status, measured, limit, measuredValue, limitValue, message, details,
                configLine, detailLayers);
    }

    /** A result without details. */
    public static RuleResult of(String rule, String config, Status status, String measured, String limit,
                                Double measuredValue, Double limitValue, String message) {
        return new RuleResult(rule, config, status, measured, limit, measuredValue, limitValue, message, List.of());
    }
}
