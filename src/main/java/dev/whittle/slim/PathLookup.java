package dev.whittle.slim;

import dev.whittle.fs.PathTable;

/**
 * Finds tar entry names in a {@link PathTable} as {@link PathTable#find} does, remembering the last parent directory:
 * entries come directory by directory, so most lookups are one name under the same parent instead of a walk from
 * the root. Names with {@code .} or {@code ..} segments or doubled slashes go to {@link PathTable#find} as they are.
 */
final class PathLookup {
    private final PathTable paths;
    private String lastParent;
    private int lastParentId;

    PathLookup(PathTable paths) {
        this.paths = paths;
    }

    /** The path id of a tar entry's name, or -1 when no layer mentions it. */
    int find(String name) {
        long span = plainSpan(name);
        if (span < 0) {
            return paths.find(name);
        }
        int from = (int) (span >>> 32);
        int to = (int) span;
        int slash = name.lastIndexOf('/', to - 1);
        int parent;
        if (slash < from) {
            parent = PathTable.ROOT;
            slash = from - 1;
        } else {
            String p = name.substring(from, slash);
            if (!p.equals(lastParent)) {
                lastParent = p;
                lastParentId = paths.find(p);
            }
            parent = lastParentId;
        }
        return parent < 0 ? -1 : paths.child(parent, name.substring(slash + 1, to));
    }

    /**
     * A tar entry's name as the absolute path {@link PathTable#path} gives for it ({@code ./a/b/} is {@code /a/b}),
     * or null when it has {@code .}, {@code ..} or empty segments (or names the root): then only {@link #find} says.
     */
    static String absolute(String name) {
        long span = plainSpan(name);
        if (span < 0) {
            return null;
        }
        int from = (int) (span >>> 32);
        int to = (int) span;
        return from == 1 && to == name.length() ? name : "/" + name.substring(from, to);
    }

    /**
     * Whether a tar entry's name is the absolute path {@code path}, as {@code path.equals(absolute(name))}, without
     * making that string: 1 when it is, 0 when it is not, -1 when {@link #absolute} is null for it (then only
     * {@link #find} says).
     */
    static int isAbsolute(String name, String path) {
        long span = plainSpan(name);
        if (span < 0) {
            return -1;
        }
        int from = (int) (span >>> 32);
        int to = (int) span;
        return path != null && path.length() == to - from + 1 && path.charAt(0) == '/'
                && path.regionMatches(1, name, from, to - from)
                ? 1 : 0;
    }

    /**
     * Where a tar entry's name lies once its leading {@code /} and {@code ./} and its trailing {@code /} are dropped,
     * as {@code from << 32 | to}; -1 when nothing is left or it has an empty, {@code .} or {@code ..} segment.
     */
    private static long plainSpan(String name) {
        int from = 0;
        int to = name.length();
        while (to > from && name.charAt(to - 1) == '/') {
            to--;
        }
        while (from < to) {
            if (name.charAt(from) == '/') {
                from++;
            } else if (name.startsWith("./", from)) {
                from += 2;
            } else {
                break;
            }
        }
        return from >= to || !plain(name, from, to) ? -1 : (long) from << 32 | to;
    }

    /** True when {@code name[from, to)} has no empty, {@code .} or {@code ..} segment. */
    private static boolean plain(String name, int from, int to) {
        int segment = from;
        for (int i = from; i <= to; i++) {
            if (i == to || name.charAt(i) == '/') {
                int length = i - segment;
                if (length == 0 || (name.charAt(segment) == '.' && (length == 1
                        || (length == 2 && name.charAt(segment + 1) == '.')))) {
                    return false;
                }
                segment = i + 1;
            }
        }
        return true;
    }
}
