package dev.whittle.policy;

import java.util.List;

/**
 * The rules read from one configuration file.
 *
 * @param source   the file (or {@code dive defaults})
 * @param rules    the rules, in file order
 * @param baseline the baseline for {@code max-growth} as configured, or null
 */
public record Policy(String source, List<Rule> rules, String baseline) {
    public Policy {
        rules = List.copyOf(rules);
    }

    /** True when a rule needs explain's findings ({@code fail-on}). */
    public boolean needsFindings() {
        return rules.stream().anyMatch(r -> r instanceof FailOnRule);
    }

    /** True when a rule needs a baseline ({@code max-growth}). */
    public boolean needsBaseline() {
        return rules.stream().anyMatch(r -> r instanceof MaxGrowthRule);
    }

    /** True when a rule looks at the final filesystem ({@code forbid}). */
    public boolean needsFilesystem() {
        return rules.stream().anyMatch(r -> r instanceof ForbidRule);
    }
}
