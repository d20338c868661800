package dev.whittle.dockerfile.fix;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, in the format {@code diff -u} and {@code git diff} print (three lines
 * of context, {@code \ No newline at end of file} where a last line has no line ending). The line matching is a
 * longest common subsequence after trimming the common head and tail, which is exact and fast for files of
 * Dockerfile size.
 */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {
    }

    /** One line of either text with its ending ({@code "\n"}, {@code "\r\n"} or none for an unterminated last line). */
    private record Line(String text, String ending) {
        boolean sameAs(Line other) {
            return text.equals(other.text) && ending.equals(other.ending);
        }
    }

    /** An edit-script step: ' ' both texts, '-' only the old one, '+' only the new one. */
    private record Step(char kind, Line line, int oldIndex, int newIndex) {
    }

    /**
     * The diff from {@code before} to {@code after} with {@code --- a/NAME} / {@code +++ b/NAME} headers; {@code ""}
     * when the texts are equal.
     */
    public static String of(String name, String before, String after) {
        String relative = name.startsWith("/") ? name.substring(1) : name;
        return of("a/" + relative, "b/" + relative, before, after);
    }

    /** The diff with the header names given as they should be printed. */
    public static String of(String oldName, String newName, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<Line> a = lines(before);
        List<Line> b = lines(after);
        List<Step> steps = steps(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < steps.size()) {
            if (steps.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = hunkEnd(steps, i);
            hunk(out, steps.subList(start, end), a.size(), b.size());
            i = end;
        }
        return out.toString();
    }

    /** The index after the last step of the hunk that holds the change at {@code from}. */
    private static int hunkEnd(List<Step> steps, int from) {
        int lastChange = from;
        for (int k = from; k < steps.size(); k++) {
            if (steps.get(k).kind() != ' ') {
                lastChange = k;
            } else if (k - lastChange > 2 * CONTEXT) {
                break;
            }
        }
        return Math.min(steps.size(), lastChange + CONTEXT + 1);
    }

    private static void hunk(StringBuilder out, List<Step> hunk, int oldSize, int newSize) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Step s : hunk) {
            if (s.kind() != '+') {
                oldCount++;
                oldStart = oldStart < 0 ? s.oldIndex() : oldStart;
            }
            if (s.kind() != '-') {
                newCount++;
                newStart = newStart < 0 ? s.newIndex() : newStart;
            }
        }
        // an empty side is shown as the line before it (0 at the top), as diff -u does
        int oldShown = oldCount == 0 ? before(hunk, true) : oldStart + 1;
        int newShown = newCount == 0 ? before(hunk, false) : newStart + 1;
        out.append("@@ -").append(range(oldShown, oldCount)).append(" +").append(range(newShown, newCount))
                .append(" @@\n");
        for (Step s : hunk) {
            out.append(s.kind()).append(s.line().text());
            out.append(s.line().ending().isEmpty() ? "\n\\ No newline at end of file\n" : s.line().ending());
        }
    }

    /** The 1-based number of the line before an empty side of a hunk. */
    private static int before(List<Step> hunk, boolean old) {
        Step first = hunk.get(0);
        return old ? first.oldIndex() : first.newIndex();
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Step> steps(List<Line> a, List<Line> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).sameAs(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).sameAs(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int n = a.size() - head - tail;
        int m = b.size() - head - tail;
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(head + x).sameAs(b.get(head + y)) ? lcs[x + 1][y + 1] + 1
                        : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            steps.add(new Step(' ', a.get(k), k, k));
        }
        int x = 0;
        int y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(head + x).sameAs(b.get(head + y))) {
                steps.add(new Step(' ', a.get(head + x), head + x, head + y));
                x++;
                y++;
            } else if (y < m && (x == n || lcs[x][y + 1] > lcs[x + 1][y])) {
                steps.add(new Step('+', b.get(head + y), head + x, head + y));
                y++;
            } else {
                steps.add(new Step('-', a.get(head + x), head + x, head + y));
                x++;
            }
        }
        for (int k = 0; k < tail; k++) {
            steps.add(new Step(' ', a.get(head + n + k), head + n + k, head + m + k));
        }
        return steps;
    }

    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                out.add(new Line(text.substring(start), ""));
                break;
            }
            boolean crlf = nl > start && text.charAt(nl - 1) == '\r';
            out.add(new Line(text.substring(start, crlf ? nl - 1 : nl), crlf ? "\r\n" : "\n"));
            start = nl + 1;
        }
        return out;
    }
}
