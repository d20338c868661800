package dev.whittle.measure.tree;

import dev.whittle.fs.EntryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

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

    private final TreeColumns tree;
    private final int layers;
    private final boolean[] keep;
    private final int budget;

    private ViewTreeBuilder(TreeColumns tree, int layers, boolean[] keep, int budget) {
        this.tree = tree;
        this.layers = layers;
        this.keep = keep;
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
        TreeColumns columns = null; // one set of arrays for every tree: each is done with before the next
        for (int l = 0; l < n; l++) {
            columns = trees.columns(l, TreeScope.LAYER, columns);
            ViewTree t = bound(columns, l, TreeScope.LAYER, changeBudget[l], pinned.get(l), n);
            used += t.listed();
            changes.add(t);
        }
        int each = Math.max(MIN_TREE, Math.min(MAX_TREE, (BUDGET - used) / Math.max(1, n)));
        List<ViewTree> aggregated = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            int share = l == n - 1 ? Math.max(each, FINAL_TREE) : each;
            columns = trees.columns(l, TreeScope.AGGREGATED, columns);
            aggregated.add(bound(columns, l, TreeScope.AGGREGATED, share, pinned.get(l), n));
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
    static ViewTree bound(TreeColumns tree, int layer, TreeScope scope, int budget, Collection<String> pinned,
                          int layerCount) {
        boolean[] keep = new boolean[tree.capacity()];
        if (pinned != null) {
            for (String p : pinned) {
                // The pin and every ancestor of it is listed.
                for (int id = tree.find(p); id > tree.root() && !keep[id]; id = tree.parent(id)) {
                    keep[id] = true;
                }
            }
        }
        return new ViewTreeBuilder(tree, layerCount, keep, budget).bound(layer, scope);
    }

    /** The bytes that order children: present bytes, or what a removal removed. */
    private long weight(int id) {
        return tree.totalBytes(id) + tree.removedBytes(id);
    }

    /** A listed entry while the tree is cut; frozen into a record once every directory is done. */
    private static final class Draft {
        final int id;
        final List<Draft> kids = new ArrayList<>();
        int moreEntries;
        long moreFiles;
        long moreBytes;
        long moreWasted;
        List<ViewNode> frozenKids = List.of();
        ViewNode.Remainder frozenMore;

        Draft(int id) {
            this.id = id;
        }
    }

    private record Deferred(Draft parent, int id) {
    }

    private ViewTree bound(int layer, TreeScope scope) {
        int entries = -1; // the root not counted
        for (int id = 0; id < tree.capacity(); id++) {
            entries += tree.included(id) ? 1 : 0;
        }
        // A tree within its budget is listed whole; one over it lists each directory's largest children.
        int perDirectory = entries <= budget ? Integer.MAX_VALUE : PER_DIRECTORY;
        Comparator<Integer> largestFirst = Comparator.comparingLong((Integer id) -> weight(id)).reversed()
                .thenComparing(tree::name);
        Draft root = new Draft(tree.root());
        List<Draft> created = new ArrayList<>();
        created.add(root);
        PriorityQueue<Draft> todo = new PriorityQueue<>(Comparator.comparing((Draft d) -> d.id, largestFirst));
        // Children a directory's cap left out, largest first: listed while budget remains once every listed
        // directory has had its turn, so a tree of a few wide directories still fills its share.
        PriorityQueue<Deferred> deferred = new PriorityQueue<>(Comparator.comparing(Deferred::id, largestFirst));
        todo.add(root);
        int listed = 0;
        while (!todo.isEmpty() || (listed < budget && !deferred.isEmpty())) {
            if (todo.isEmpty()) {
                Deferred next = deferred.poll();
                next.parent.moreEntries--;
                next.parent.moreFiles -= tree.files(next.id);
                next.parent.moreBytes -= tree.totalBytes(next.id);
                next.parent.moreWasted -= tree.wastedBytes(next.id);
                listed += list(next.parent, next.id, created, todo);
                continue;
            }
            Draft d = todo.poll();
            List<Integer> children = new ArrayList<>();
            for (int c = tree.firstChild(d.id); c >= 0; c = tree.nextSibling(c)) {
                children.add(c);
            }
            children.sort(largestFirst);
            int kept = 0;
            for (int c : children) {
                if (keep[c] || (kept < perDirectory && listed < budget)) {
                    listed += list(d, c, created, todo);
                    kept++;
                } else {
                    d.moreEntries++;
                    d.moreFiles += tree.files(c);
                    d.moreBytes += tree.totalBytes(c);
                    d.moreWasted += tree.wastedBytes(c);
                    if (listed < budget) {
                        deferred.add(new Deferred(d, c));
                    }
                }
            }
        }
        int[] mainLayers = mainLayers();
        // Drafts were created parents first: freezing in reverse finishes every child before its parent, without
        // recursion (a hostile image may nest directories thousands deep).
        for (int i = created.size() - 1; i >= 0; i--) {
            freezeChildren(created.get(i), mainLayers);
        }
        ViewNode top = node(root, new TileRect(0, 0, 1, 1), mainLayers);
        return new ViewTree(layer, scope, top, entries, listed);
    }

    /** Lists a child under its directory's draft; returns 1, the entries it adds. */
    private int list(Draft parent, int child, List<Draft> created, PriorityQueue<Draft> todo) {
        Draft k = new Draft(child);
        parent.kids.add(k);
        created.add(k);
        if (tree.firstChild(child) >= 0) {
            todo.add(k);
        }
        return 1;
    }

    /** Lays out a directory's tiles and freezes its listed children, by name. */
    private void freezeChildren(Draft d, int[] mainLayers) {
        int n = d.kids.size();
        long[] sizes = new long[n + 1];
        for (int i = 0; i < n; i++) {
            sizes[i] = tree.totalBytes(d.kids.get(i).id);
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

    private ViewNode node(Draft d, TileRect tile, int[] mainLayers) {
        int id = d.id;
        EntryType type = tree.type(id);
        Mark mark = tree.mark(id);
        int main = type == EntryType.DIR ? mainLayers[id] : mark == Mark.REMOVED ? -1 : tree.layer(id);
        long bytes = tree.totalBytes(id);
        return new ViewNode(tree.name(id), tree.path(id), type, mark, bytes, tree.files(id), tree.removedBytes(id),
                tree.wastedBytes(id), tree.layer(id), tree.hiddenBy(id), main, bytes > 0 ? tile : null, d.frozenKids,
                d.frozenMore);
    }

    /**
     * Each directory's main layer, the one that provides most of its present bytes (-1 when none): bytes per layer
     * summed bottom-up (children have larger ids than their parents), one array per directory while it is open.
     */
    private int[] mainLayers() {
        int n = tree.capacity();
        int[] out = new int[n];
        Arrays.fill(out, -1);
        long[][] byLayer = new long[n][];
        for (int id = n - 1; id > tree.root(); id--) {
            if (!tree.included(id)) {
                continue;
            }
            long[] mine = byLayer[id];
            int parent = tree.parent(id);
            long[] theirs = byLayer[parent];
            if (theirs == null) {
                theirs = new long[layers];
                byLayer[parent] = theirs;
            }
            if (mine != null) {
                out[id] = argMax(mine);
                for (int l = 0; l < layers; l++) {
                    theirs[l] += mine[l];
                }
                byLayer[id] = null;
            } else if (tree.type(id) != EntryType.DIR && tree.mark(id) != Mark.REMOVED && tree.layer(id) >= 0) {
                theirs[tree.layer(id)] += tree.totalBytes(id);
            }
        }
        if (byLayer[tree.root()] != null) {
            out[tree.root()] = argMax(byLayer[tree.root()]);
        }
        return out;
    }

    private static int argMax(long[] bytes) {
        int main = -1;
        long most = 0;
        for (int l = 0; l < bytes.length; l++) {
            if (bytes[l] > most) {
                most = bytes[l];
                main = l;
            }
        }
        return main;
    }
}
