package dev.whittle.explore;

import dev.whittle.measure.tree.Mark;
import dev.whittle.measure.tree.TreeColumns;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A tree flattened into the rows the file pane shows: folded directories keep their contents out, hidden change
 * kinds and a filter keep out what they exclude (a directory stays while something below it is kept, so matches
 * keep their place in the tree), children by name or by size. Built again only when one of these changes, never on
 * a cursor move; iterative, since an image may nest directories thousands deep.
 *
 * <p>Rows are arrays (a path id, the parent's row, the depth, a bit for the last sibling) over the tree's own
 * {@link TreeColumns}: 200,000 rows cost a few MB, and a row's name, marks and sizes are read from the tree only for
 * the screenful drawn.
 */
final class TreeRows {
    private final TreeColumns tree;
    private int[] ids = new int[64];
    private int[] parents = new int[64];
    private int[] depths = new int[64];
    private final BitSet last = new BitSet();
    private int size;
    private boolean[] kept;

    /**
     * What decides the rows, besides the tree.
     *
     * @param toggled         path ids folded against the default
     * @param foldedByDefault whether directories start folded
     * @param filter          the paths kept, or null for all
     * @param segments        null, or a test on one path segment such that a path passes {@code filter} exactly when
     *                        one of its segments passes this (a text without {@code /}: it cannot span two); then
     *                        no path is built, only names tested
     * @param hidden          change kinds left out
     * @param bySize          children by size rather than by name
     */
    record Options(BitSet toggled, boolean foldedByDefault, Predicate<String> filter, Predicate<String> segments,
                   Set<Mark> hidden, boolean bySize) {

        /** Without a segment test. */
        Options(BitSet toggled, boolean foldedByDefault, Predicate<String> filter, Set<Mark> hidden, boolean bySize) {
            this(toggled, foldedByDefault, filter, null, hidden, bySize);
        }

        boolean folded(int dir) {
            return foldedByDefault != toggled.get(dir);
        }
    }

    private TreeRows(TreeColumns tree) {
        this.tree = tree;
    }

    /** The tree the rows show. */
    TreeColumns tree() {
        return tree;
    }

    /** The ids a filter or hidden change kinds kept (see {@link #of(TreeColumns, Options, boolean[])}), or null. */
    boolean[] kept() {
        return kept;
    }

    /** Number of rows. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The path id a row shows. */
    int id(int row) {
        return ids[row];
    }

    /** The row of the directory above, or -1 at the top level. */
    int parent(int row) {
        return parents[row];
    }

    /** 0 at the top level. */
    int depth(int row) {
        return depths[row];
    }

    /** True when the row is the last among its siblings (for the tree guides). */
    boolean last(int row) {
        return last.get(row);
    }

    /** The row showing a path id, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < size; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** The tree guides before a row's name: {@code │   }, {@code ├── }, {@code └── }. */
    String guides(int row) {
        char[] out = new char[depths[row] * 4 + 4];
        int at = out.length - 4;
        (last(row) ? "└── " : "├── ").getChars(0, 4, out, at);
        for (int r = parents[row]; r >= 0; r = parents[r]) {
            at -= 4;
            (last(r) ? "    " : "│   ").getChars(0, 4, out, at);
        }
        return new String(out);
    }

    /** The rows of a tree. */
    static TreeRows of(TreeColumns tree, Options o) {
        return of(tree, o, null);
    }

    /**
     * The rows of a tree, given what looser options kept: {@code within} is the {@link #kept} of rows of the same
     * tree whose filter and hidden kinds let through everything these do (a text this one extends, as it is typed).
     * Nothing outside it can pass, so the walk skips it: typing narrows a filter at the cost of what is still kept.
     */
    static TreeRows of(TreeColumns tree, Options o, boolean[] within) {
        boolean[] kept = o.filter() == null && o.hidden().isEmpty() ? null : kept(tree, o, within);
        TreeRows rows = new TreeRows(tree);
        rows.kept = kept;
        Pending todo = new Pending();
        int[] children = new int[16];
        children = pushChildren(todo, tree, tree.root(), -1, -1, o, kept, children);
        while (todo.size > 0) {
            todo.size--;
            int id = todo.ids[todo.size];
            int row = rows.add(id, todo.parents[todo.size], todo.depths[todo.size], todo.last[todo.size]);
            if (tree.isDirectory(id) && tree.firstChild(id) >= 0 && !o.folded(id)) {
                children = pushChildren(todo, tree, id, row, rows.depths[row], o, kept, children);
            }
        }
        return rows;
    }

    private int add(int id, int parentRow, int depth, boolean isLast) {
        if (size == ids.length) {
            int grown = size * 2;
            ids = Arrays.copyOf(ids, grown);
            parents = Arrays.copyOf(parents, grown);
            depths = Arrays.copyOf(depths, grown);
        }
        ids[size] = id;
        parents[size] = parentRow;
        depths[size] = depth;
        last.set(size, isLast);
        return size++;
    }

    /** Children to be shown, the next one on top. */
    private static final class Pending {
        int[] ids = new int[64];
        int[] parents = new int[64];
        int[] depths = new int[64];
        boolean[] last = new boolean[64];
        int size;

        void push(int id, int parentRow, int depth, boolean isLast) {
            if (size == ids.length) {
                int grown = size * 2;
                ids = Arrays.copyOf(ids, grown);
                parents = Arrays.copyOf(parents, grown);
                depths = Arrays.copyOf(depths, grown);
                last = Arrays.copyOf(last, grown);
            }
            ids[size] = id;
            parents[size] = parentRow;
            depths[size] = depth;
            last[size] = isLast;
            size++;
        }
    }

    /** Pushes a directory's shown children, in reverse so the first pops first; returns the (maybe grown) buffer. */
    private static int[] pushChildren(Pending todo, TreeColumns tree, int dir, int parentRow, int depth, Options o,
                                      boolean[] kept, int[] buffer) {
        int n = 0;
        for (int c = tree.firstChildByName(dir); c >= 0; c = tree.nextSiblingByName(c)) {
            if (kept == null || kept[c]) {
                if (n == buffer.length) {
                    buffer = Arrays.copyOf(buffer, n * 2);
                }
                buffer[n++] = c;
            }
        }
        if (o.bySize() && n > 1) {
            sortBySize(tree, buffer, n);
        }
        for (int i = n - 1; i >= 0; i--) {
            todo.push(buffer[i], parentRow, depth + 1, i == n - 1);
        }
        return buffer;
    }

    /** Largest first (present plus removed bytes); a stable sort, so equal sizes stay by name. */
    private static void sortBySize(TreeColumns tree, int[] ids, int n) {
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = ids[i];
        }
        Arrays.sort(boxed, Comparator.comparingLong((Integer id) -> tree.totalBytes(id) + tree.removedBytes(id))
                .reversed());
        for (int i = 0; i < n; i++) {
            ids[i] = boxed[i];
        }
    }

    /**
     * The ids to show, by id: those that pass themselves, and the directories above them. One depth-first walk
     * builds each path from its directory's (a filter tests every path: walking up from each entry to build it
     * would cost several times more at 200,000 entries), or with a segment test carries down whether a directory
     * above matched and tests names alone.
     */
    private static boolean[] kept(TreeColumns tree, Options o, boolean[] within) {
        boolean[] kept = new boolean[tree.capacity()];
        Predicate<String> filter = o.segments() == null ? o.filter() : null;
        Predicate<String> segments = o.segments();
        Set<Mark> hidden = o.hidden();
        StringBuilder path = new StringBuilder(256);
        PathStack stack = new PathStack();
        stack.pushChildren(tree, tree.root(), within, 0);
        int matched = 0;
        while (stack.top > 0) {
            int top = --stack.top;
            int id = stack.ids[top];
            int[] prefix = stack.prefix;
            boolean hasChildren = tree.firstChild(id) >= 0;
            boolean pass = !hidden.contains(tree.mark(id));
            if (filter != null && (pass || hasChildren)) {
                path.setLength(prefix[top]);
                path.append('/').append(tree.name(id));
                pass = pass && filter.test(path.toString());
            } else if (segments != null && (pass || hasChildren)) {
                matched = prefix[top] == 1 || segments.test(tree.name(id)) ? 1 : 0;
                pass = pass && matched == 1;
            }
            if (pass) {
                for (int q = id; q >= 0 && !kept[q]; q = q == tree.root() ? -1 : tree.parent(q)) {
                    kept[q] = true;
                }
            }
            stack.pushChildren(tree, id, within, segments != null ? matched : path.length());
        }
        return kept;
    }

    /**
     * The entries still to visit, depth first, each with what its parent leaves it: with a filter, the parent's path
     * length; with name segments, 1 when an ancestor matched.
     */
    private static final class PathStack {
        int[] ids = new int[64];
        int[] prefix = new int[64];
        int top;

        /** Pushes {@code parent}'s children (those {@code within} allows, or all when it is null). */
        void pushChildren(TreeColumns tree, int parent, boolean[] within, int parentPrefix) {
            for (int c = tree.firstChild(parent); c >= 0; c = tree.nextSibling(c)) {
                if (within != null && !within[c]) {
                    continue;
                }
                if (top == ids.length) {
                    ids = Arrays.copyOf(ids, top * 2);
                    prefix = Arrays.copyOf(prefix, top * 2);
                }
                ids[top] = c;
                prefix[top++] = parentPrefix;
            }
        }
    }
}
