package dev.whittle.report.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * 90% of the directory is shown, stay whatever their share (a directory of many similar subdirectories). Node: {@code n} name, {@code s} bytes,
 * {@code f} files, {@code d} 1 for a directory, {@code c} children (largest first), {@code a} 1 for an aggregate.
 */
final class TreemapBuilder {
    /** Most nodes in the tree: a few MB of JSON at worst, drawn in well under a second. */
    static final int MAX_NODES = 10_000;
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

    private TreemapBuilder(UnionView union) {
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
    static ObjectNode build(UnionView union) {
        return new TreemapBuilder(union).tree();
    }

    private record Pending(int id, ObjectNode node) {
    }

    private ObjectNode tree() {
        ObjectNode root = node(PathTable.ROOT, "/", true);
        long floor = Math.max(1, (long) (bytes[PathTable.ROOT] * SHARE_OF_IMAGE));
        PriorityQueue<Pending> todo = new PriorityQueue<>(Comparator.comparingLong((Pending p) -> bytes[p.id()])
                .reversed());
        todo.add(new Pending(PathTable.ROOT, root));
        int count = 1;
        while (!todo.isEmpty() && count < MAX_NODES) {
            Pending p = todo.poll();
            List<Integer> children = new ArrayList<>();
            for (int c = firstChild[p.id()]; c >= 0; c = nextSibling[c]) {
                children.add(c);
            }
            children.sort(Comparator.comparingLong((Integer c) -> bytes[c]).reversed()
                    .thenComparing(paths::name));
            long keep = Math.max(floor, (long) Math.ceil(bytes[p.id()] * SHARE_OF_PARENT));
            ArrayNode out = p.node().putArray("c");
            long restBytes = 0;
            long restFiles = 0;
            int kept = 0;
            long shown = 0;
            for (int c : children) {
                boolean wanted = bytes[c] >= keep || kept < ALWAYS_KEEP || shown < COVER * bytes[p.id()];
                if (bytes[c] >= floor && wanted && kept < MAX_CHILDREN && count < MAX_NODES) {
                    shown += bytes[c];
                    boolean dir = isDir(c);
                    ObjectNode child = node(c, paths.name(c), dir);
                    out.add(child);
                    kept++;
                    count++;
                    if (dir && firstChild[c] >= 0) {
                        todo.add(new Pending(c, child));
                    }
                } else {
                    restBytes += bytes[c];
                    restFiles += files[c];
                }
            }
            if (restFiles > 0 || restBytes > 0) {
                ObjectNode rest = out.addObject();
                rest.put("n", "(" + restFiles + " small " + (restFiles == 1 ? "file" : "files") + ")");
                rest.put("s", restBytes);
                rest.put("f", restFiles);
                rest.put("a", 1);
                count++;
            }
        }
        return root;
    }

    private boolean isDir(int id) {
        int layer = union.providerLayer(id);
        return layer >= 0 && union.layers().get(layer).type(union.providerRow(id)) == EntryType.DIR;
    }

    private ObjectNode node(int id, String name, boolean dir) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("n", name);
        n.put("s", bytes[id]);
        n.put("f", files[id]);
        if (dir) {
            n.put("d", 1);
        }
        return n;
    }
}
