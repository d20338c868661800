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

    /** Text for a table cell: pipes, newlines and HTML-significant characters neutralised. */
    public static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }

    /** Inline code safe in a table cell (backticks inside are swapped for a look-alike so the span cannot end early). */
    public static String code(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String t = text.replace("\r", " ").replace("\n", " ").replace("`", "ˋ").replace("|", "\\|");
        return "`" + t + "`";
    }
}
