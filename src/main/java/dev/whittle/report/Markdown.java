package dev.whittle.report;

/** Small pieces of GitHub-flavoured Markdown, with image-derived text made safe for table cells. */
public final class Markdown {
    private Markdown() {
    }

    /** Appends one table row; cells are used as given (escape with {@link #cell} or {@link #code}). */
    public static void row(StringBuilder out, String... cells) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(c).append(" |");
        }
        out.append('\n');
    }

    /** Text for a table cell: pipes, newlines, emphasis and HTML-significant characters neutralised. */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        String safe = HumanText.line(text);
        StringBuilder b = new StringBuilder(safe.length());
        for (char c : safe.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\r', '\n' -> b.append(' ');
                case '\\', '|', '*', '_', '`', '[', ']', '#', '~' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Inline code safe in a table cell (backticks inside are swapped for a look-alike so the span cannot end early). */
    public static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String t = HumanText.line(text).replace("`", "ˋ").replace("|", "\\|");
        return "`" + t + "`";
    }
}
