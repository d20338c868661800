package dev.whittle.measure.tree;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.util.Arrays;
import java.util.List;

/**
 * A layer's tree as arrays by path id (what {@link LayerTree} holds as records): for a caller that keeps only part
 * of the tree or shows it a screen at a time, so 200,000 entries cost a few arrays rather than 200,000 records. Only
 * the ids {@link #included} are in the tree; {@link #firstChild} and {@link #nextSibling} link them, in no particular
 * order, {@link #firstChildByName} and {@link #nextSiblingByName} by name.
 */
public final class TreeColumns {
    private static final Mark[] MARKS = Mark.values();
    private final PathTable paths;
    private final List<LayerIndex> layers;
    private final UnionView union;
    private final LayerTrees.Workspace w;
    private final boolean[] included;
    private final byte[] mark;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] entryLayer;
    private final int[] entryRow;
    private final long[] total;
    private final long[] files;
    private final long[] removedBytes;
    private final long[] wasted;
    /** Children by name, linked as {@link #firstChild}; built on first use. */
    private int[] firstByName;
    private int[] nextByName;

    TreeColumns(PathTable paths, List<LayerIndex> layers, UnionView union, LayerTrees.Workspace w) {
        this.paths = paths;
        this.layers = layers;
        this.union = union;
        this.w = w;
        this.included = w.included;
        this.mark = w.markOf;
        this.firstChild = w.firstChild;
        this.nextSibling = w.nextSibling;
        this.entryLayer = w.entryLayer;
        this.entryRow = w.entryRow;
        this.total = w.total;
        this.files = w.files;
        this.removedBytes = w.removedBytes;
        this.wasted = w.wasted;
    }

    LayerTrees.Workspace workspace() {
        return w;
    }

    /** The root's id. */
    public int root() {
        return PathTable.ROOT;
    }

    /** Whether a path id is in this tree. */
    public boolean included(int id) {
        return id >= 0 && id < included.length && included[id];
    }

    /** The parent's id (the root's is the root). */
    public int parent(int id) {
        return paths.parent(id);
    }

    /** The first child of an entry in this tree, or -1. */
    public int firstChild(int id) {
        return firstChild[id];
    }

    /** The next child of the same parent, or -1. */
    public int nextSibling(int id) {
        return nextSibling[id];
    }

    /**
     * The first child of an entry in this tree by name, or -1. Names compare as unsigned UTF-8 bytes, the order dive
     * lists a directory in (the same as {@link String#compareTo} but for characters beyond U+FFFF). The links are
     * built on the first call: two arrays by path id and one pass, no sort.
     */
    public int firstChildByName(int id) {
        return byName()[id];
    }

    /** The next child of the same parent by name, or -1 (see {@link #firstChildByName}). */
    public int nextSiblingByName(int id) {
        byName();
        return nextByName[id];
    }

    private int[] byName() {
        if (firstByName == null) {
            int n = included.length;
            // The path table's depth-first order visits siblings by name: prepending each included path to its
            // parent's list, last in that order first, leaves every list in name order.
            int[] rank = paths.postOrder();
            int[] byRank = new int[n];
            for (int id = 0; id < n; id++) {
                byRank[rank[id]] = id;
            }
            int[] first = new int[n];
            int[] next = new int[n];
            Arrays.fill(first, -1);
            Arrays.fill(next, -1);
            for (int r = n - 1; r >= 0; r--) {
                int id = byRank[r];
                if (id != PathTable.ROOT && included[id]) {
                    int parent = paths.parent(id);
                    next[id] = first[parent];
                    first[parent] = id;
                }
            }
            nextByName = next;
            firstByName = first;
        }
        return firstByName;
    }

    /** The id of an absolute path in this tree, or -1. */
    public int find(String path) {
        int id = paths.find(path);
        return included(id) ? id : -1;
    }

    /** Last path segment, {@code /} for the root. */
    public String name(int id) {
        return id == PathTable.ROOT ? "/" : paths.name(id);
    }

    /** Absolute path. */
    public String path(int id) {
        return id == PathTable.ROOT ? "/" : paths.path(id);
    }

    /** Entry type (a directory no layer lists is DIR). */
    public EntryType type(int id) {
        return entryLayer[id] < 0 ? EntryType.DIR : layers.get(entryLayer[id]).type(entryRow[id]);
    }

    /** True for a directory (the root included). */
    public boolean isDirectory(int id) {
        return type(id) == EntryType.DIR;
    }

    /** As {@link TreeNode#bytes()}. */
    public long bytes(int id) {
        return entryLayer[id] < 0 ? 0 : layers.get(entryLayer[id]).contentBytes(entryRow[id]);
    }

    /** As {@link TreeNode#mode()}. */
    public int mode(int id) {
        return entryLayer[id] < 0 ? 0 : layers.get(entryLayer[id]).mode(entryRow[id]);
    }

    /** As {@link TreeNode#uid()}. */
    public int uid(int id) {
        return entryLayer[id] < 0 ? 0 : layers.get(entryLayer[id]).uid(entryRow[id]);
    }

    /** As {@link TreeNode#gid()}. */
    public int gid(int id) {
        return entryLayer[id] < 0 ? 0 : layers.get(entryLayer[id]).gid(entryRow[id]);
    }

    /** As {@link TreeNode#linkTarget()}. */
    public String linkTarget(int id) {
        return entryLayer[id] < 0 ? null : layers.get(entryLayer[id]).linkTarget(entryRow[id]);
    }

    /** As {@link TreeNode#mark()}. */
    public Mark mark(int id) {
        return MARKS[mark[id]];
    }

    /** As {@link TreeNode#totalBytes()}. */
    public long totalBytes(int id) {
        return total[id];
    }

    /** As {@link TreeNode#files()}. */
    public long files(int id) {
        return files[id];
    }

    /** As {@link TreeNode#removedBytes()}. */
    public long removedBytes(int id) {
        return removedBytes[id];
    }

    /** As {@link TreeNode#wastedBytes()}. */
    public long wastedBytes(int id) {
        return wasted[id];
    }

    /** As {@link TreeNode#layer()}. */
    public int layer(int id) {
        return entryLayer[id];
    }

    /** As {@link TreeNode#hiddenBy()}. */
    public int hiddenBy(int id) {
        return entryLayer[id] < 0 ? -1 : union.hiddenBy(entryLayer[id], entryRow[id]);
    }

    /** The number of path ids (included or not): the size an array by id needs. */
    public int capacity() {
        return included.length;
    }
}
