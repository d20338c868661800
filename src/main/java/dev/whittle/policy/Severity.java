package dev.whittle.policy;

import java.util.Locale;

/** How much an explain finding matters, lowest first, for {@code fail-on}. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH;

    /** Parses {@code high}, {@code Medium}, ...; null when the text names no severity. */
    public static Severity parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when this is {@code other} or more severe. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
