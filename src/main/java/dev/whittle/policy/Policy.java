package dev.whittle.policy;

import java.util.List;
import java.util.Map;

/**
 * The rules read from one configuration file.
 *
 * @param source   the file (or {@code dive defaults})
 * @param rules    the rules, in file order
 * @param baseline the baseline for {@code max-growth} as configured, or null
 * @param lines    the line of {@code source} that set each rule, by rule key (a rule left at its default has none)
 */
public record Policy(String source, List<Rule> rules, String baseline, Map<String, Integer> lines) {
    public Policy {
        rules = List.copyOf(rules);
        lines = Map.copyOf(lines);
    }

    /** A policy whose rules are not tied to lines. */
    public Policy(String source, List<Rule> rules, String baseline) {
        this(source, rules, baseline, Map.of());
    }

    /** The line of {@code source} that set the rule with {@code key}, or 0. */
    public int lineOf(String key) {
        return lines.getOrDefault(key, 0);
    }

    /** True when a rule needs explain's findings ({@code fail-on}). */
    public boolean needsFindings() {
        return rules.stream().anyMatch(r -> r instanceof FailOnRule);
    }

    /** True when a rule needs a baseline ({@code max-growth}). */
    public boolean needsBaseline() {
        return rules.stream().anyMatch(r -> r instanceof MaxGrowthRule);
    }

    /** True when a rule looks at the installed packages ({@code forbid-packages}, the package budgets). */
    public boolean needsPackages() {
        return rules.stream().anyMatch(r -> r instanceof ForbidPackagesRule || r instanceof PackageBudgetRule);
    }

    /** True when a rule looks at the final filesystem ({@code forbid}). */
    public boolean needsFilesystem() {
        return rules.stream().anyMatch(r -> r instanceof ForbidRule);
    }
}
