package dev.whittle.report;

/**
 * The one place that makes image-derived text safe to show people (text tables, Markdown, a terminal, an error line).
 * A file name or a history entry is hostile input: an {@code ESC]0;...} retitles the terminal, {@code ESC[2J} clears
 * it, a newline forges a line of the report, a right-to-left override reverses what is read. Every control character
 * is shown as a visible escape instead, the way Go's {@code %q} and {@code ls -b} do: {@code \n}, {@code \t},
 * {@code \r}, {@code \x1b}, and {@code \u202e} for the invisible Unicode controls (C1, bidirectional overrides, line
 * separators). Printable text, including every non-ASCII letter, is left alone. JSON, SARIF and XML do not come here:
 * their writers escape by their own rules.
 */
public final class HumanText {
    private HumanText() {
    }

    /** {@code text} (one value on one line) with every control character escaped; null becomes {@code ""}. */
    public static String line(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                escape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} of several lines (a rendered block): line breaks and tabs kept, every other control character
     * escaped as in {@link #line}.
     */
    public static String block(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = c == '\n' || c == '\t';
            if (out == null && isControl(c) && !kept) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (isControl(c) && !kept) {
                    escape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * {@code text} escaped as in {@link #line} and cut to at most {@code max} characters, saying how much was cut: for
     * echoing a hostile value in an error line, where a 5 MB name must not become a 5 MB line.
     */
    public static String cut(String text, int max) {
        return dev.whittle.image.Limits.cut(line(text), max);
    }

    /** Whether {@code c} would act on a terminal or a reader instead of being shown. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u061c' || c == '\u200e' || c == '\u200f'
                || (c >= '\u2028' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
    }

    private static void escape(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x100) {
                    out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
    }
}
