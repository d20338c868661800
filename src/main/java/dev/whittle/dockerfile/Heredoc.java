package dev.whittle.dockerfile;

/**
 * A here-document attached to {@code RUN}, {@code COPY} or {@code ADD}.
 *
 * @param name           the delimiter word with quotes removed ({@code EOF})
 * @param fileDescriptor the fd prefix ({@code 3<<X}), 0 when absent
 * @param expand         false when the delimiter was quoted, so the body is taken literally
 * @param chomp          true for {@code <<-}: leading tabs are stripped from the body lines
 * @param content        the body exactly as in the file, line endings kept, leading tabs not yet stripped
 * @param startLine      line of the first body line (equals {@code endLine} for an empty body)
 * @param endLine        line of the terminating delimiter
 */
public record Heredoc(String name, int fileDescriptor, boolean expand, boolean chomp, String content, int startLine,
        int endLine) {

    /** The body as the command sees it: with leading tabs removed when {@link #chomp()} is set. */
    public String body() {
        if (!chomp) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        boolean lineStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            out.append(c);
            lineStart = c == '\n';
        }
        return out.toString();
    }
}
