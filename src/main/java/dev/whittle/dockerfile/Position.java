package dev.whittle.dockerfile;

/** A place in a Dockerfile: 1-based line and 1-based column (in UTF-16 chars, tabs count as one). */
public record Position(int line, int column) implements Comparable<Position> {

    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("position must be 1-based, got " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
