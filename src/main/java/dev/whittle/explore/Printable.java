package dev.whittle.explore;

/**
 * Makes text from an image (file names, history) safe to draw: a control character would move the cursor or
 * restyle the terminal, so each is shown as a visible escape instead ({@code \n}, {@code \t}, {@code \x1b},
 * {@code \u0085}).
 */
final class Printable {
    private Printable() {
    }

    static String of(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c)
                        : c >= 0x80 && c < 0xa0 || c == '\u2028' || c == '\u2029' || c == '\u200e'
                        || c == '\u200f' || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
