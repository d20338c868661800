package dev.whittle.dockerfile.lint;

import java.util.List;

/**
 * One lint rule: an id, a default severity, a one-line rationale pointing at the image-size guide, the hadolint
 * rules it matches (so {@code # hadolint ignore=...} pragmas apply), and the check.
 */
public interface Rule {

    /** {@code WHnnn}. */
    String id();

    /** A short PascalCase name ({@code AptRecommends}). */
    String name();

    /** The default severity (configuration may override it). */
    Severity severity();

    /** One line: why this costs bytes, and where the guide explains it. */
    String rationale();

    /** The hadolint rule ids this rule matches, possibly none. */
    default List<String> hadolintIds() {
        return List.of();
    }

    /** The findings in {@code context}'s Dockerfile; never throws for odd input. */
    List<Finding> check(LintContext context);
}
