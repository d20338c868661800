package dev.whittle.report;

/**
 * Fits a path into a column by cutting it in the middle: the start says where in the tree, the file name says what,
 * so both stay and the directories between them give way ({@code /app/node_modules/@ba…/semver.js}). Used
 * only when the output has a width (a terminal's); piped output keeps whole paths.
 */
public final class PathText {
    /** What stands for the cut characters. */
    static final char ELLIPSIS = '\u2026';

    private PathText() {
    }

    /**
     * {@code path} in at most {@code width} characters (at least 2): whole when it fits; else its start, an ellipsis
     * and its last segment whole with the {@code /} before it (a trailing {@code /} too); when that does not fit, an
     * ellipsis and the last {@code width - 1} characters, the end of the name being what tells files apart.
     */
    public static String fit(String path, int width) {
        if (path.length() <= width) {
            return path;
        }
        int w = Math.max(2, width);
        int slash = path.lastIndexOf('/', path.length() - 2); // before the last segment (a trailing '/' kept)
        String tail = slash < 0 ? path : path.substring(slash);
        int head = w - 1 - tail.length();
        if (slash <= 0 || head < 1) {
            return ELLIPSIS + path.substring(path.length() - (w - 1));
        }
        return path.substring(0, head) + ELLIPSIS + tail;
    }
}
