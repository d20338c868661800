package dev.whittle.dockerfile;

import java.util.Arrays;

/**
 * Where each character of a joined (continuation-free) instruction line came from. Package-private: callers ask
 * {@link Instruction#positionAt(int)}.
 */
final class SourceMap {

    private int[] lines;
    private int[] columns;
    private int size;

    SourceMap(int capacity) {
        lines = new int[Math.max(16, capacity)];
        columns = new int[lines.length];
    }

    private SourceMap(int[] lines, int[] columns) {
        this.lines = lines;
        this.columns = columns;
        this.size = lines.length;
    }

    /** Records that the next {@code count} characters come from {@code line}, starting at {@code column}. */
    void append(int line, int column, int count) {
        if (size + count > lines.length) {
            int capacity = Math.max(lines.length * 2, size + count);
            lines = Arrays.copyOf(lines, capacity);
            columns = Arrays.copyOf(columns, capacity);
        }
        for (int i = 0; i < count; i++) {
            lines[size] = line;
            columns[size] = column + i;
            size++;
        }
    }

    /** The map of characters {@code [from, to)}. */
    SourceMap slice(int from, int to) {
        return new SourceMap(Arrays.copyOfRange(lines, from, to), Arrays.copyOfRange(columns, from, to));
    }

    int size() {
        return size;
    }

    /** The position of character {@code index}; past the end means just after the last character. */
    Position positionAt(int index) {
        if (size == 0) {
            return new Position(1, 1);
        }
        if (index >= size) {
            return new Position(lines[size - 1], columns[size - 1] + 1);
        }
        return new Position(lines[Math.max(0, index)], columns[Math.max(0, index)]);
    }
}
