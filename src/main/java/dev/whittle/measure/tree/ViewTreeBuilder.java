package dev.whittle.measure.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Bounds every layer's two trees so one page can embed them all, whatever the file count: a tree within its share of
 * the budget is listed whole; in one over it, directories are listed largest first until the share is spent, each
 * lists at most {@link #PER_DIRECTORY} children (largest first) and sums the rest into a {@link ViewNode.Remainder},
 * so every directory's totals stay exact. Paths
 * pinned to a layer (the wasted files a page lists) are listed in that layer's trees whatever the budget, so a link
 * to one always finds it. Each directory's tiles are laid out here, in a box {@link #ASPECT} times as wide as high.
 *
 * <p>The budget: half of {@link #BUDGET} goes to the layers' change trees, shared so that a small layer takes only
 * what it has and the rest goes to the large ones; what they leave goes to the aggregated trees in equal shares
 * (within {@link #MIN_TREE} and {@link #MAX_TREE}; the last layer's, the final filesystem, gets at least
 * {@link #FINAL_TREE}).
 */
public final class ViewTreeBuilder {
    /** Entries listed across all trees, pins aside: a few MB of page data at worst. */
    public static final int BUDGET = 40_000;
    /** The most children one directory lists, pins aside. */
    public static final int PER_DIRECTORY = 40;
    /** The least and most entries one aggregated tree lists. */
    public static final int MIN_TREE = 400;
    /** See {@link #MIN_TREE}. */
    public static final int MAX_TREE = 8_000;
    /** The least the final filesystem's tree lists. */
    public static final int FINAL_TREE = 5_000;
    /** The treemap's box, width over height. */
    public static final double ASPECT = 2.5;

    private static final Comparator<TreeNode> LARGEST_FIRST = Comparator
            .comparingLong(ViewTreeBuilder::weight).reversed().thenComparing(TreeNode::name);

    private final int layers;
    private final Set<String> pins;
    private final int budget;

    private ViewTreeBuilder(int layers, Set<String> pins, int budget) {
        this.layers = layers;
        this.pins = pins;
        this.budget = budget;
    }

    /**
     * Every layer's two trees.
     *
     * @param trees  the trees to bound
     * @param pinned per layer, the paths its trees must list (may be empty)
     */
    public static ViewTrees of(LayerTrees trees, Map<Integer, ? extends Collection<String>> pinned) {
        int n = trees.layerCount();
        int[] changeBudget = shares(n, trees, BUDGET / 2);
        List<ViewTree> changes = new ArrayList<>(n);
        int used = 0;
        for (int l = 0; l < n; l++) {
            ViewTree t = bound(trees.tree(l, TreeScope.LAYER), changeBudget[l], pinned.get(l), n);
            used += t.listed();
            changes.add(t);
        }
        int each = Math.max(MIN_TREE, Math.min(MAX_TREE, (BUDGET - used) / Math.max(1, n)));
        List<ViewTree> aggregated = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            int share = l == n - 1 ? Math.max(each, FINAL_TREE) : each;
            aggregated.add(bound(trees.tree(l, TreeScope.AGGREGATED), share, pinned.get(l), n));
        }
        return new ViewTrees(changes, aggregated, PER_DIRECTORY, ASPECT);
    }

    /** Water-filling: layers needing less than an equal share take what they need; the rest share what is left. */
    private static int[] shares(int n, LayerTrees trees, int total) {
        Integer[] bySize = new Integer[n];
        for (int l = 0; l < n; l++) {
            bySize[l] = l;
        }
        Arrays.sort(bySize, Comparator.comparingInt(trees::layerEntries));
        int[] out = new int[n];
        int left = total;
        for (int i = 0; i < n; i++) {
            int l = bySize[i];
            int fair = left / (n - i);
            // A layer's tree has its tar's entries plus the directories above them and what its deletions remove.
            out[l] = Math.max(MIN_TREE, Math.min(2 * trees.layerEntries(l), fair));
            left = Math.max(0, left - out[l]);
        }
        return out;
    }

    /** One tree bounded to {@code budget} listed entries, the pins listed beyond it. */
    static ViewTree bound(LayerTree tree, int budget, Collection<String> pinned, int layerCount) {
        Set<String> keep = new HashSet<>();
        if (pinned != null) {
            for (String p : pinned) {
                if (tree.find(p).isPresent()) {
                    for (String q = p; !q.equals("/") && !q.isEmpty() && keep.add(q); q = parent(q)) {
                        // every ancestor of a pin is listed too
                    }
                }
            }
        }
        return new ViewTreeBuilder(layerCount, keep, budget).bound(tree);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The bytes that order children: present bytes, or what a removal removed. */
    private static long weight(TreeNode n) {
        return n.totalBytes() + n.removedBytes();
    }

    /** A listed entry while the tree is cut; frozen into a record once every directory is done. */
    private static final class Draft {
        final TreeNode node;
        final List<Draft> kids = new ArrayList<>();
        int moreEntries;
        long moreFiles;
        long moreBytes;
        long moreWasted;
        List<ViewNode> frozenKids = List.of();
        ViewNode.Remainder frozenMore;

        Draft(TreeNode node) {
            this.node = node;
        }
    }

    private ViewTree bound(LayerTree tree) {
        Map<TreeNode, Integer> mainLayers = new IdentityHashMap<>();
        int entries = mainLayers(tree.root(), mainLayers);
        Draft root = new Draft(tree.root());
        List<Draft> created = new ArrayList<>();
        created.add(root);
        // A tree within its budget is listed whole; one over it lists each directory's largest children.
        int perDirectory = entries <= budget ? Integer.MAX_VALUE : PER_DIRECTORY;
        PriorityQueue<Draft> todo = new PriorityQueue<>(Comparator.comparing((Draft d) -> d.node, LARGEST_FIRST));
        // Children a directory's cap left out, largest first: listed while budget remains once every listed
        // directory has had its turn, so a tree of a few wide directories still fills its share.
        PriorityQueue<Deferred> deferred = new PriorityQueue<>(Comparator.comparing(Deferred::node, LARGEST_FIRST));
        todo.add(root);
        int listed = 0;
        while (!todo.isEmpty() || (listed < budget && !deferred.isEmpty())) {
            if (todo.isEmpty()) {
                Deferred next = deferred.poll();
                next.parent.moreEntries--;
                next.parent.moreFiles -= next.node.files();
                next.parent.moreBytes -= next.node.totalBytes();
                next.parent.moreWasted -= next.node.wastedBytes();
                listed += list(next.parent, next.node, created, todo);
                continue;
            }
            Draft d = todo.poll();
            List<TreeNode> children = new ArrayList<>(d.node.children());
            children.sort(LARGEST_FIRST);
            int kept = 0;
            for (TreeNode c : children) {
                if (keep(c) || (kept < perDirectory && listed < budget)) {
                    listed += list(d, c, created, todo);
                    kept++;
                } else {
                    d.moreEntries++;
                    d.moreFiles += c.files();
                    d.moreBytes += c.totalBytes();
                    d.moreWasted += c.wastedBytes();
                    if (listed < budget) {
                        deferred.add(new Deferred(d, c));
                    }
                }
            }
        }
        // Drafts were created parents first: freezing in reverse finishes every child before its parent, without
        // recursion (a hostile image may nest directories thousands deep).
        for (int i = created.size() - 1; i >= 0; i--) {
            freezeChildren(created.get(i), mainLayers);
        }
        ViewNode top = node(root, new TileRect(0, 0, 1, 1), mainLayers);
        return new ViewTree(tree.layer(), tree.scope(), top, entries, listed);
    }

    private record Deferred(Draft parent, TreeNode node) {
    }

    /** Lists a child under its directory's draft; returns 1, the entries it adds. */
    private static int list(Draft parent, TreeNode child, List<Draft> created, PriorityQueue<Draft> todo) {
        Draft k = new Draft(child);
        parent.kids.add(k);
        created.add(k);
        if (!child.children().isEmpty()) {
            todo.add(k);
        }
        return 1;
    }

    private boolean keep(TreeNode c) {
        return !pins.isEmpty() && pins.contains(c.path());
    }

    /** Lays out a directory's tiles and freezes its listed children, by name. */
    private void freezeChildren(Draft d, Map<TreeNode, Integer> mainLayers) {
        int n = d.kids.size();
        long[] sizes = new long[n + 1];
        for (int i = 0; i < n; i++) {
            sizes[i] = d.kids.get(i).node.totalBytes();
        }
        sizes[n] = d.moreBytes;
        TileRect[] tiles = Squarify.layout(sizes, ASPECT);
        List<ViewNode> kids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            kids.add(node(d.kids.get(i), tiles[i], mainLayers));
        }
        kids.sort(Comparator.comparing(ViewNode::name));
        d.frozenKids = List.copyOf(kids);
        d.frozenMore = d.moreEntries == 0 ? null
                : new ViewNode.Remainder(d.moreEntries, d.moreFiles, d.moreBytes, d.moreWasted, tiles[n]);
    }

    private static ViewNode node(Draft d, TileRect tile, Map<TreeNode, Integer> mainLayers) {
        TreeNode t = d.node;
        int main = t.isDirectory() ? mainLayers.getOrDefault(t, -1) : t.mark() == Mark.REMOVED ? -1 : t.layer();
        return new ViewNode(t.name(), t.path(), t.type(), t.mark(), t.totalBytes(), t.files(), t.removedBytes(),
                t.wastedBytes(), t.layer(), t.hiddenBy(), main, t.totalBytes() > 0 ? tile : null, d.frozenKids,
                d.frozenMore);
    }

    /**
     * Counts the tree's entries and finds each directory's main layer, the one that provides most of its present
     * bytes, in one post-order walk with an explicit stack.
     */
    private int mainLayers(TreeNode root, Map<TreeNode, Integer> out) {
        record Frame(TreeNode node, long[] byLayer, int[] next) {
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, new long[layers], new int[1]));
        int entries = 0;
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            List<TreeNode> kids = top.node.children();
            if (top.next[0] < kids.size()) {
                TreeNode c = kids.get(top.next[0]++);
                entries++;
                if (!c.children().isEmpty()) {
                    stack.push(new Frame(c, new long[layers], new int[1]));
                } else if (!c.isDirectory() && c.mark() != Mark.REMOVED && c.layer() >= 0) {
                    top.byLayer[c.layer()] += c.totalBytes();
                }
                continue;
            }
            stack.pop();
            int main = -1;
            long most = 0;
            for (int l = 0; l < layers; l++) {
                if (top.byLayer[l] > most) {
                    most = top.byLayer[l];
                    main = l;
                }
            }
            out.put(top.node, main);
            Frame parent = stack.peek();
            if (parent != null) {
                for (int l = 0; l < layers; l++) {
                    parent.byLayer[l] += top.byLayer[l];
                }
            }
        }
        return entries;
    }
}
