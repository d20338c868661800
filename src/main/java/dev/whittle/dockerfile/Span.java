package dev.whittle.dockerfile;

/**
 * The source range of an instruction or a word: {@code start} is its first character, {@code end} its last one
 * (inclusive), both as 1-based line and column.
 */
public record Span(Position start, Position end) {

    public Span {
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("span ends before it starts: " + start + "-" + end);
        }
    }

    /** First line of the range. */
    public int startLine() {
        return start.line();
    }

    /** Last line of the range (inclusive). */
    public int endLine() {
        return end.line();
    }

    /** True when {@code line} lies within the range. */
    public boolean containsLine(int line) {
        return line >= start.line() && line <= end.line();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
