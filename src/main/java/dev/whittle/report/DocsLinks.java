package dev.whittle.report;

import java.util.Locale;

/**
 * Absolute links to whittle's documentation, for formats whose consumers show a "help" link per rule (SARIF's
 * {@code helpUri}). One base, so moving the docs is a one-line change.
 */
public final class DocsLinks {

    /** Where the {@code docs/} folder of the repository is published. */
    public static final String BASE = "https://github.com/whittle/whittle/blob/main/docs/";

    private DocsLinks() {
    }

    /** The row of docs/lint.md's rule table for lint rule {@code id} (each row carries an anchor). */
    public static String lintRule(String id) {
        return BASE + "lint.md#" + id.toLowerCase(Locale.ROOT);
    }

    /** docs/ci-recipes.md, which describes the gate's rules and files. */
    public static String ciRules() {
        return BASE + "ci-recipes.md";
    }
}
