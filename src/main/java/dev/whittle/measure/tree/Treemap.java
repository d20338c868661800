package dev.whittle.measure.tree;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The final filesystem as a size tree for the treemap, kept small whatever the file count: directories are expanded
 * largest first until a node budget is spent, and in each directory the children under 0.5% of it (or under 0.01% of
 * the image, or past the 1,000 largest) become one {@code (N small files)} node; the 24 largest, and the largest until
 * 90% of the directory is shown, stay whatever their share (a directory of many similar subdirectories).
 */
public final class Treemap {
    /** Most nodes in the tree: a few MB of JSON at worst, drawn in well under a second. */
    public static final int MAX_NODES = 10_000;
    private static final double SHARE_OF_PARENT = 0.005;
    private static final double SHARE_OF_IMAGE = 0.0001;
    private static final int MAX_CHILDREN = 1_000;
    private static final double COVER = 0.9;
    /** Children kept whatever their share, so a directory of many similar subdirectories still shows some. */
    private static final int ALWAYS_KEEP = 24;

    private final UnionView union;
    private final PathTable paths;
    private final long[] bytes;
    private final long[] files;
    private final int[] firstChild;
    private final int[] nextSibling;

    private Treemap(UnionView union) {
        this.union = union;
        this.paths = union.paths();
        int n = paths.size();
        bytes = new long[n];
        files = new long[n];
        firstChild = new int[n];
        nextSibling = new int[n];
        java.util.Arrays.fill(firstChild, -1);
        // Children have larger ids than their parents, so one backward pass sums every subtree.
        for (int p = n - 1; p > 0; p--) {
            int layer = union.providerLayer(p);
            if (layer < 0) {
                continue;
            }
            LayerIndex li = union.layers().get(layer);
            int row = union.providerRow(p);
            if (li.type(row) != EntryType.DIR) {
                bytes[p] += li.contentBytes(row);
                files[p]++;
            }
            int parent = paths.parent(p);
            bytes[parent] += bytes[p];
            files[parent] += files[p];
            nextSibling[p] = firstChild[parent];
            firstChild[parent] = p;
        }
    }

    /** The tree of the final filesystem. */
    public static TreemapNode of(UnionView union) {
        return new Treemap(union).tree();
    }

    /** A tile while the tree grows; frozen into records once the budget is spent. */
    private static final class Tile {
        final int id;
        final String name;
        final boolean dir;
        final boolean group;
        final long tileBytes;
        final long tileFiles;
        final List<Tile> kids = new ArrayList<>();

        Tile(int id, String name, boolean dir, boolean group, long tileBytes, long tileFiles) {
            this.id = id;
            this.name = name;
            this.dir = dir;
            this.group = group;
            this.tileBytes = tileBytes;
            this.tileFiles = tileFiles;
        }
    }

    private TreemapNode tree() {
        Tile root = new Tile(PathTable.ROOT, "/", true, false, bytes[PathTable.ROOT], files[PathTable.ROOT]);
        List<Tile> created = new ArrayList<>();
        created.add(root);
        long floor = Math.max(1, (long) (bytes[PathTable.ROOT] * SHARE_OF_IMAGE));
        PriorityQueue<Tile> todo = new PriorityQueue<>(Comparator.comparingLong((Tile t) -> bytes[t.id]).reversed());
        todo.add(root);
        int count = 1;
        while (!todo.isEmpty() && count < MAX_NODES) {
            Tile p = todo.poll();
            List<Integer> children = new ArrayList<>();
            for (int c = firstChild[p.id]; c >= 0; c = nextSibling[c]) {
                children.add(c);
            }
            children.sort(Comparator.comparingLong((Integer c) -> bytes[c]).reversed()
                    .thenComparing(paths::name));
            long keep = Math.max(floor, (long) Math.ceil(bytes[p.id] * SHARE_OF_PARENT));
            long restBytes = 0;
            long restFiles = 0;
            int kept = 0;
            long shown = 0;
            for (int c : children) {
                boolean wanted = bytes[c] >= keep || kept < ALWAYS_KEEP || shown < COVER * bytes[p.id];
                if (bytes[c] >= floor && wanted && kept < MAX_CHILDREN && count < MAX_NODES) {
                    shown += bytes[c];
                    boolean dir = isDir(c);
                    Tile child = new Tile(c, paths.name(c), dir, false, bytes[c], files[c]);
                    p.kids.add(child);
                    created.add(child);
                    kept++;
                    count++;
                    if (dir && firstChild[c] >= 0) {
                        todo.add(child);
                    }
                } else {
                    restBytes += bytes[c];
                    restFiles += files[c];
                }
            }
            if (restFiles > 0 || restBytes > 0) {
                Tile rest = new Tile(-1, "(" + restFiles + " small " + (restFiles == 1 ? "file" : "files") + ")",
                        false, true, restBytes, restFiles);
                p.kids.add(rest);
                created.add(rest);
                count++;
            }
        }
        // Every tile was created after its parent: freezing in reverse finishes the children first, without
        // recursion (a hostile image may nest thousands of directories).
        java.util.Map<Tile, TreemapNode> frozen = new java.util.IdentityHashMap<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            Tile t = created.get(i);
            List<TreemapNode> kids = new ArrayList<>(t.kids.size());
            for (Tile k : t.kids) {
                kids.add(frozen.remove(k));
            }
            int layer = t.group || t.dir ? -1 : union.providerLayer(t.id);
            frozen.put(t, new TreemapNode(t.name, t.tileBytes, t.tileFiles, t.dir, t.group, layer, List.copyOf(kids)));
        }
        return frozen.get(root);
    }

    private boolean isDir(int id) {
        int layer = union.providerLayer(id);
        return layer >= 0 && union.layers().get(layer).type(union.providerRow(id)) == EntryType.DIR;
    }
}
