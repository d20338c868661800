package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.Position;
import dev.whittle.dockerfile.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lint use case: parse, run every rule given (the list is {@code lint.rules.Rules}), turn parse errors into {@code WH000} findings, apply
 * pragmas and configuration, sort. Never throws for bad Dockerfile input.
 *
 * <pre>{@code
 * LintResult r = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", text));
 * for (Finding f : r.findings()) { ... f.ruleId() ... f.span() ... f.fixIfAny() ... }
 * }</pre>
 */
public final class Linter {

    private final LintConfig config;
    private final List<Rule> rules;

    /** The id of findings for files BuildKit would reject (syntax errors, unknown --target, bad expansions). */
    public static final String PARSE_ERROR_ID = "WH000";

    /** A linter with {@code config} and {@code rules} ({@code lint.rules.Rules.linter} runs them all). */
    public Linter(LintConfig config, List<Rule> rules) {
        this.config = config;
        this.rules = List.copyOf(rules);
    }

    /** Lints one Dockerfile. */
    public LintResult lint(LintInput input) {
        Dockerfile dockerfile = Dockerfile.parse(input.text());
        LintContext context = new LintContext(input, dockerfile);
        List<Finding> raw = new ArrayList<>();
        for (ParseError e : dockerfile.errors()) {
            raw.add(parseError(e));
        }
        for (ParseError e : context.plan().problems()) {
            raw.add(parseError(e));
        }
        for (Rule rule : rules) {
            if (config.ignore().contains(rule.id())) {
                continue;
            }
            try {
                raw.addAll(rule.check(context));
            } catch (RuntimeException e) {
                // a rule bug must not hide the other findings or print a stack trace
                raw.add(new Finding(PARSE_ERROR_ID, Severity.ERROR, new Span(new Position(1, 1),
                        new Position(1, 1)), "internal error in rule " + rule.id() + ": " + e, List.of(), List.of(),
                        null));
            }
        }
        Pragmas pragmas = Pragmas.of(dockerfile);
        List<Finding> kept = new ArrayList<>();
        for (Finding f : raw) {
            if (config.ignore().contains(f.ruleId())
                    || pragmas.ignores(f, dockerfile.instructionAt(f.line()).orElse(null))) {
                continue;
            }
            Severity override = config.severity().get(f.ruleId());
            kept.add(override == null ? f : f.withSeverity(override));
        }
        kept.sort(new ByPosition());
        Set<String> skipped = new TreeSet<>();
        for (Rule rule : rules) {
            if (config.ignore().contains(rule.id()) || pragmas.ignoresEverywhere(rule)) {
                skipped.add(rule.id());
            }
        }
        return new LintResult(input.fileName(), input.text(), kept, skipped);
    }

    /** Line, column, rule id. A class, not a lambda chain: lambdas bootstrap invokedynamic at start-up. */
    private static final class ByPosition implements Comparator<Finding> {
        @Override
        public int compare(Finding a, Finding b) {
            int c = Integer.compare(a.line(), b.line());
            c = c != 0 ? c : Integer.compare(a.column(), b.column());
            return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
        }
    }

    private static Finding parseError(ParseError e) {
        Position p = e.position();
        return new Finding(PARSE_ERROR_ID, Severity.ERROR, new Span(p, p), e.message(), List.of(), List.of(),
                null);
    }

}
