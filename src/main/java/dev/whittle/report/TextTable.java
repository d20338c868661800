package dev.whittle.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with aligned columns; columns marked numeric are right-aligned. The last column may be long: given
 * a width (a terminal's), its cells are cut with an ellipsis so that every line fits: at the end for text (an
 * instruction), in the middle for paths ({@link #pathsInLastColumn()}), keeping the file name ({@link PathText}).
 * Every cell goes through {@link HumanText#line}: a cell is one line, whatever control characters the value held.
 */
public final class TextTable {
    /** The last column is never cut narrower than this, however narrow the width: a few characters still identify. */
    static final int MIN_LAST_COLUMN = 12;

    private final String[] headers;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();
    private boolean paths;

    /** Column headers; a header starting with {@code >} is right-aligned (the marker is not printed). */
    public TextTable(String... headers) {
        this.headers = new String[headers.length];
        this.rightAligned = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            this.headers[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        String[] row = new String[cells.length]; // a loop, not a stream: a package table adds thousands of rows
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : HumanText.line(cells[i].toString());
        }
        rows.add(row);
        return this;
    }

    /** The last column holds paths: a width cuts them in the middle, keeping the file name, not at the end. */
    public TextTable pathsInLastColumn() {
        paths = true;
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Renders with two spaces between columns and no trailing spaces, every line whole. */
    public String render() {
        return render(0);
    }

    /**
     * Renders with lines at most {@code width} characters wide (0: no limit), cutting the last column's cells with
     * an ellipsis where they would pass it. The other columns stay whole, so a table whose other columns alone are
     * wider than {@code width} keeps {@link #MIN_LAST_COLUMN} characters of the last.
     */
    public String render(int width) {
        int[] widths = new int[headers.length];
        widen(widths, headers);
        for (String[] row : rows) {
            widen(widths, row); // a method per row: compiled after a few hundred, where a loop run once is not
        }
        int last = headers.length - 1;
        int limit = Integer.MAX_VALUE;
        if (width > 0) {
            int before = 0;
            for (int i = 0; i < last; i++) {
                before += widths[i] + 2;
            }
            limit = Math.max(MIN_LAST_COLUMN, width - before);
            widths[last] = Math.min(widths[last], limit);
        }
        StringBuilder out = new StringBuilder();
        append(out, fit(headers, limit, false), widths);
        for (String[] row : rows) {
            append(out, fit(row, limit, paths), widths);
        }
        return out.toString();
    }

    private static void widen(int[] widths, String[] cells) {
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(widths[i], cells[i].length());
        }
    }

    /**
     * The cells with the last one cut to {@code limit} characters: a path in its middle, other text at its end, the
     * cut replaced by an ellipsis.
     */
    private static String[] fit(String[] cells, int limit, boolean path) {
        String lastCell = cells[cells.length - 1];
        if (lastCell.length() <= limit) {
            return cells;
        }
        String[] out = cells.clone();
        out[out.length - 1] = path ? PathText.fit(lastCell, limit) : lastCell.substring(0, limit - 1) + "…";
        return out;
    }

    /** One line, written straight into {@code out}; the padding of a blank last column is dropped, as before. */
    private void append(StringBuilder out, String[] cells, int[] widths) {
        int start = out.length();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            String cell = cells[i];
            int pad = widths[i] - cell.length();
            if (rightAligned[i]) {
                spaces(out, pad);
                out.append(cell);
            } else {
                out.append(cell);
                if (!last) {
                    spaces(out, pad);
                }
            }
            if (!last) {
                out.append("  ");
            }
        }
        // as String.stripTrailing: no whitespace character lies outside the basic plane, so chars suffice
        int end = out.length();
        while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static void spaces(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) {
            out.append(' ');
        }
    }
}
