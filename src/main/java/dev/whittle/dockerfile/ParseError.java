package dev.whittle.dockerfile;

/**
 * A problem found while parsing, as data: 1-based line and column, and a one-line message in BuildKit's words
 * (for example {@code unterminated heredoc} or {@code ENV must have two arguments}).
 */
public record ParseError(int line, int column, String message) {

    /** The location as a {@link Position}. */
    public Position position() {
        return new Position(Math.max(1, line), Math.max(1, column));
    }

    @Override
    public String toString() {
        return line + ":" + column + ": " + message;
    }
}
