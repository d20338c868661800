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
 */
public record RuleResult(String rule, String config, Status status, String measured, String limit,
                         Double measuredValue, Double limitValue, String message, List<String> details) {
    public RuleResult {
        details = List.copyOf(details);
    }

    /** A result without details. */
    public static RuleResult of(String rule, String config, Status status, String measured, String limit,
                                Double measuredValue, Double limitValue, String message) {
        return new RuleResult(rule, config, status, measured, limit, measuredValue, limitValue, message, List.of());
    }
}
