package dev.whittle.explore;

import dev.whittle.measure.tree.Mark;
import dev.whittle.measure.tree.TreeNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A tree flattened into the rows the file pane shows: folded directories keep their contents out, hidden change
 * kinds and a filter keep out what they exclude (a directory stays while something below it is kept, so matches
 * keep their place in the tree), children by name or by size. Built again only when one of these changes, never on
 * a cursor move; iterative, since an image may nest directories thousands deep.
 */
final class TreeRows {
    private static final Comparator<TreeNode> BY_SIZE = Comparator
            .comparingLong((TreeNode n) -> n.totalBytes() + n.removedBytes()).reversed()
            .thenComparing(TreeNode::name);

    /**
     * One row.
     *
     * @param node   the entry
     * @param parent the row of its directory, or null at the top level
     * @param depth  0 at the top level
     * @param last   true when it is the last row among its siblings (for the tree guides)
     */
    record Row(TreeNode node, Row parent, int depth, boolean last) {

        /** The tree guides before the name: {@code │   }, {@code ├── }, {@code └── }. */
        String guides() {
            char[] out = new char[depth * 4 + 4];
            int at = out.length - 4;
            "└── ".getChars(0, 4, out, at);
            if (!last) {
                "├── ".getChars(0, 4, out, at);
            }
            for (Row r = parent; r != null; r = r.parent) {
                at -= 4;
                (r.last ? "    " : "│   ").getChars(0, 4, out, at);
            }
            return new String(out);
        }
    }

    /** What decides the rows, besides the tree. */
    record Options(Set<String> toggled, boolean foldedByDefault, Predicate<String> filter, Set<Mark> hidden,
                   boolean bySize) {

        boolean folded(TreeNode dir) {
            return foldedByDefault != toggled.contains(dir.path());
        }
    }

    private TreeRows() {
    }

    static List<Row> of(TreeNode root, Options o) {
        Map<TreeNode, Boolean> kept = o.filter() == null && o.hidden().isEmpty() ? null : kept(root, o);
        List<Row> rows = new ArrayList<>();
        Deque<Row> todo = new ArrayDeque<>();
        pushChildren(todo, root, null, -1, o, kept);
        while (!todo.isEmpty()) {
            Row row = todo.pop();
            rows.add(row);
            TreeNode n = row.node();
            if (n.isDirectory() && !n.children().isEmpty() && !o.folded(n)) {
                pushChildren(todo, n, row, row.depth(), o, kept);
            }
        }
        return rows;
    }

    private static void pushChildren(Deque<Row> todo, TreeNode dir, Row parentRow, int depth, Options o,
                                     Map<TreeNode, Boolean> kept) {
        List<TreeNode> children = dir.children();
        if (o.bySize()) {
            children = new ArrayList<>(children);
            children.sort(BY_SIZE);
        }
        List<TreeNode> shown = children;
        if (kept != null) {
            shown = new ArrayList<>();
            for (TreeNode c : children) {
                if (kept.containsKey(c)) {
                    shown.add(c);
                }
            }
        }
        // Pushed in reverse so the first child pops first.
        for (int i = shown.size() - 1; i >= 0; i--) {
            todo.push(new Row(shown.get(i), parentRow, depth + 1, i == shown.size() - 1));
        }
    }

    /** The nodes to show: those that pass themselves, and the directories above them. */
    private static Map<TreeNode, Boolean> kept(TreeNode root, Options o) {
        Map<TreeNode, Boolean> kept = new IdentityHashMap<>();
        // Post-order without recursion: each node is visited after all of its children.
        Deque<TreeNode> stack = new ArrayDeque<>();
        Deque<TreeNode> order = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            TreeNode n = stack.pop();
            order.push(n);
            for (TreeNode c : n.children()) {
                stack.push(c);
            }
        }
        for (TreeNode n : order) {
            boolean keep = !o.hidden().contains(n.mark()) && (o.filter() == null || o.filter().test(n.path()));
            for (int i = 0; !keep && i < n.children().size(); i++) {
                keep = kept.containsKey(n.children().get(i));
            }
            if (keep) {
                kept.put(n, Boolean.TRUE);
            }
        }
        return kept;
    }

    static List<Row> empty() {
        return Collections.emptyList();
    }
}
