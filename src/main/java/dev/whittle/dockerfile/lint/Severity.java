package dev.whittle.dockerfile.lint;

import java.util.Locale;

/** How bad a finding is, most severe first. */
public enum Severity {
    /** The image will not work as written (or the file does not parse). */
    ERROR,
    /** Bytes in the image that need not be there. */
    WARNING,
    /** A hint: faster rebuilds, fewer layers. */
    INFO;

    /** True when this is as severe as {@code threshold} or more. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** The lower-case name ({@code warning}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error}, {@code warning} or {@code info} in any case; null when it is none of them. */
    public static Severity parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error": return ERROR;
            case "warning": return WARNING;
            case "info": return INFO;
            default: return null;
        }
    }
}
