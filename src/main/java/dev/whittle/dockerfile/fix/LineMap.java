package dev.whittle.dockerfile.fix;

/**
 * Maps lines of a fixed text back to the text as read, so what was not fixed is reported where the user sees it in
 * the original file (the diff's "-" side). Lines the fixes left alone map exactly (found by a longest common
 * subsequence of lines). A line a fix changed maps to the original line between the same unchanged neighbours that
 * says the same once the fix's framing is set aside (a leading {@code RUN}, a trailing {@code && \}), with its
 * column shifted to match; failing that, the one sharing most words; failing that, the line at the same distance
 * from the last unchanged line.
 */
final class LineMap {

    /** {@code toOriginal[i]}: the 1-based original line of fixed line {@code i + 1}. */
    private final int[] toOriginal;
    private final boolean[] exact;
    /** Added to a column of fixed line {@code i + 1} to get the original column, or null when unknown. */
    private final Integer[] shift;

    private LineMap(int[] toOriginal, boolean[] exact, Integer[] shift) {
        this.toOriginal = toOriginal;
        this.exact = exact;
        this.shift = shift;
    }

    /** The map from {@code fixed}'s lines to {@code original}'s. */
    static LineMap between(String original, String fixed) {
        String[] a = original.split("\n", -1);
        String[] b = fixed.split("\n", -1);
        int n = a.length;
        int m = b.length;
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a[x].equals(b[y]) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        int[] map = new int[m];
        boolean[] exact = new boolean[m];
        Integer[] shift = new Integer[m];
        int x = 0;
        int y = 0;
        int lastA = -1;
        int lastB = -1;
        while (y < m) {
            if (x < n && a[x].equals(b[y])) {
                map[y] = x + 1;
                exact[y] = true;
                shift[y] = 0;
                lastA = x;
                lastB = y;
                x++;
                y++;
            } else if (x < n && lcs[x + 1][y] >= lcs[x][y + 1]) {
                x++;
            } else {
                // a changed or added line: the original line at the same distance from the last unchanged one
                map[y] = Math.max(1, Math.min(n, lastA + 1 + (y - lastB)));
                y++;
            }
        }
        for (int k = 0; k < m; k++) {
            if (!exact[k]) {
                place(a, b, k, map, exact, shift);
            }
        }
        return new LineMap(map, exact, shift);
    }

    /** Looks for the original of changed line {@code k} between the unchanged lines around it. */
    private static void place(String[] a, String[] b, int k, int[] map, boolean[] exact, Integer[] shift) {
        int low = 0;
        for (int j = k - 1; j >= 0; j--) {
            if (exact[j]) {
                low = map[j];
                break;
            }
        }
        int high = a.length - 1;
        for (int j = k + 1; j < b.length; j++) {
            if (exact[j]) {
                high = map[j] - 2;
                break;
            }
        }
        String core = core(b[k]);
        int best = -1;
        double bestScore = 0.5;
        for (int x = low; x <= high && x < a.length; x++) {
            String other = core(a[x]);
            if (!core.isEmpty() && other.equals(core)) {
                map[k] = x + 1;
                shift[k] = a[x].indexOf(other) - b[k].indexOf(core);
                return;
            }
            double score = overlap(core, other);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        if (best >= 0) {
            map[k] = best + 1;
        }
    }

    /** A line without the framing fixes add or remove: indentation, a leading RUN, a trailing {@code && \}. */
    private static String core(String line) {
        String s = line.strip();
        if (s.regionMatches(true, 0, "RUN ", 0, 4)) {
            s = s.substring(4).strip();
        }
        while (s.endsWith("\\") || s.endsWith("&&")) {
            s = s.substring(0, s.length() - (s.endsWith("&&") ? 2 : 1)).strip();
        }
        if (s.startsWith("&&")) {
            s = s.substring(2).strip();
        }
        return s;
    }

    /** The share of the words of the longer line that the other has too. */
    private static double overlap(String one, String two) {
        java.util.List<String> a = java.util.List.of(one.split("\\s+"));
        java.util.List<String> b = java.util.List.of(two.split("\\s+"));
        int common = 0;
        for (String w : a) {
            common += !w.isEmpty() && b.contains(w) ? 1 : 0;
        }
        return (double) common / Math.max(a.size(), b.size());
    }

    /** The original line of fixed line {@code line} (1-based). */
    int line(int line) {
        return line >= 1 && line <= toOriginal.length ? toOriginal[line - 1] : line;
    }

    /** The original column of {@code column} on fixed line {@code line}: 1 when the fix changed that part. */
    int column(int line, int column) {
        if (line < 1 || line > shift.length || shift[line - 1] == null) {
            return 1;
        }
        return Math.max(1, column + shift[line - 1]);
    }
}
