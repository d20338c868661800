package dev.whittle.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Every path seen in any layer of one image, as a tree of interned segments: a path is an {@code int} id, stored as
 * (parent id, name id), so {@code /usr/lib/x86_64-linux-gnu} costs two ints however many layers list it. Id 0 is the
 * root {@code /}; a parent always has a smaller id than its children.
 *
 * <p>Writes are synchronised so layers can be indexed in parallel; reads are safe once indexing has finished (the
 * loader joins its workers before anyone reads).
 */
public final class PathTable {
    /** The id of the root directory {@code /}. */
    public static final int ROOT = 0;

    private final NamePool names = new NamePool();
    private int[] parents = new int[1 << 10];
    private int[] nameIds = new int[1 << 10];
    private int count = 1;
    /** Open-addressing table of (parent, name) -> id + 1. */
    private int[] table = new int[1 << 11];
    private volatile int[][] childLinks;
    private int[] postOrder;

    public PathTable() {
        parents[0] = -1;
        nameIds[0] = -1;
    }

    /** Number of path ids handed out (the root included). */
    public int size() {
        return count;
    }

    /** The parent of {@code id}, or -1 for the root. */
    public int parent(int id) {
        return parents[id];
    }

    /** The last segment of {@code id}; empty for the root. */
    public String name(int id) {
        return id == ROOT ? "" : names.string(nameIds[id]);
    }

    /** Number of segments in the path: 0 for the root. */
    public int depth(int id) {
        int d = 0;
        for (int p = id; p != ROOT; p = parents[p]) {
            d++;
        }
        return d;
    }

    /**
     * The absolute path of {@code id}, e.g. {@code /usr/bin/env}; {@code /} for the root. Synchronised so error
     * messages can name paths while other layers are still being indexed.
     */
    public synchronized String path(int id) {
        if (id == ROOT) {
            return "/";
        }
        int len = 0;
        for (int p = id; p != ROOT; p = parents[p]) {
            len += 1 + names.length(nameIds[p]);
        }
        byte[] out = new byte[len];
        int end = len;
        for (int p = id; p != ROOT; p = parents[p]) {
            int n = names.length(nameIds[p]);
            names.copyTo(nameIds[p], out, end - n);
            end -= n;
            out[--end] = '/';
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** True when {@code ancestor} is {@code id} or one of its ancestors. */
    public boolean isAncestorOrSelf(int ancestor, int id) {
        for (int p = id; p >= 0; p = parents[p]) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The id of a path, or -1 when no layer mentions it. Accepts {@code /a/b}, {@code a/b}, {@code ./a/b/}; {@code ..}
     * stops at the root. Symlinks are not followed. The path's UTF-8 bytes are looked up as {@link #find(byte[], int,
     * int)} does.
     */
    public int find(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        return find(bytes, 0, bytes.length);
    }

    /**
     * The id of the path spelled by {@code len} bytes of {@code buf} from {@code off}, or -1 when no layer mentions
     * it: read as {@link #find(String)} reads a path (empty and {@code .} segments skipped, {@code ..} lexical and
     * stopping at the root, symlinks not followed), each segment compared as raw bytes, so a name that is not UTF-8
     * is found as the layer spelled it. For callers that hold paths as bytes (a package's file list), which would
     * otherwise make a string of every line.
     */
    public int find(byte[] buf, int off, int len) {
        int id = ROOT;
        int end = off + len;
        for (int start = off; start < end; ) {
            int stop = start;
            while (stop < end && buf[stop] != '/') {
                stop++;
            }
            int n = stop - start;
            if (n == 2 && buf[start] == '.' && buf[start + 1] == '.') {
                id = id == ROOT ? ROOT : parents[id];
            } else if (n > 0 && !(n == 1 && buf[start] == '.')) {
                id = child(id, buf, start, n);
                if (id < 0) {
                    return -1;
                }
            }
            start = stop + 1;
        }
        return id;
    }

    /** The child of {@code parent} with this name, or -1. */
    public int child(int parent, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        return child(parent, bytes, 0, bytes.length);
    }

    /**
     * The child of {@code parent} whose name is the {@code len} bytes of {@code buf} from {@code off} (raw bytes,
     * not necessarily UTF-8; no {@code /}), or -1. {@code .} and {@code ..} are names here, as in
     * {@link #child(int, String)}: no path has them.
     */
    public int child(int parent, byte[] buf, int off, int len) {
        int nameId = names.find(buf, off, len);
        return nameId < 0 ? -1 : lookup(parent, nameId);
    }

    /** Orders two paths' last segments as unsigned bytes (Go's string order, which dive uses). */
    int compareNames(int a, int b) {
        return names.compare(nameIds[a], nameIds[b]);
    }

    /**
     * Interns the path made of {@code n} segments of {@code buf}; {@code chain[i]} receives the id of the first
     * {@code i + 1} segments, so callers learn every ancestor without reading shared state.
     */
    synchronized int intern(byte[] buf, int[] starts, int[] lengths, int n, int[] chain) {
        return internFrom(ROOT, buf, starts, lengths, 0, n, chain);
    }

    /** Like {@link #intern}, starting below {@code start}, the known id of the first {@code from} segments. */
    synchronized int internFrom(int start, byte[] buf, int[] starts, int[] lengths, int from, int n, int[] chain) {
        int id = start;
        for (int i = from; i < n; i++) {
            id = internChild(id, names.intern(buf, starts[i], lengths[i]));
            chain[i] = id;
        }
        return id;
    }

    /**
     * Interns a tree of paths in one go (a cached layer index's): path {@code i + 1} is the child named
     * {@code names.get(i)} of path {@code parents[i]}, whose id is {@code ids[parents[i]]}, so parents come first;
     * {@code ids[0]} is the tree's root. Fills {@code ids[1..]}. One lock for the whole tree, where interning path by
     * path took it once per path.
     */
    synchronized void internTree(int[] parents, java.util.List<byte[]> names, int[] ids) {
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i);
            ids[i + 1] = internChild(ids[parents[i]], this.names.intern(name, 0, name.length));
        }
    }

    /** Interns an arbitrary byte string (a symlink target); read it back with {@link #text(int)}. */
    synchronized int internText(byte[] buf, int off, int len) {
        return names.intern(buf, off, len);
    }

    /** A string interned with {@link #internText}. */
    String text(int textId) {
        return names.string(textId);
    }

    /**
     * The first child id of a path, or -1; with {@link #nextSibling} a static tree of every path any layer mentions
     * (in id order, not sorted). Built on first use: call only once all layers are indexed.
     */
    public int firstChild(int id) {
        return childLinks()[0][id];
    }

    /** The next sibling of a path, or -1 (see {@link #firstChild}). */
    public int nextSibling(int id) {
        return childLinks()[1][id];
    }

    /**
     * Every path's position in a depth-first walk that visits children before their parent and siblings by name as
     * unsigned bytes: the order dive visits a tree in. Among paths none of which contains another (files, leaves) it
     * is the path order, segment by segment. Built on first use, once all layers are indexed; the array is a copy.
     */
    public int[] postOrder() {
        return postOrderShared().clone();
    }

    synchronized int[] postOrderShared() {
        if (postOrder == null) {
            // Children of each directory, grouped and sorted by name.
            int[] childStart = new int[count + 1];
            for (int id = 1; id < count; id++) {
                childStart[parents[id] + 1]++;
            }
            for (int i = 0; i < count; i++) {
                childStart[i + 1] += childStart[i];
            }
            int[] children = new int[Math.max(0, count - 1)];
            int[] fill = Arrays.copyOf(childStart, count);
            for (int id = 1; id < count; id++) {
                children[fill[parents[id]]++] = id;
            }
            for (int id = 0; id < count; id++) {
                IntSort.sort(children, childStart[id], childStart[id + 1], this::compareNames);
            }
            // Iterative depth-first walk, numbering a path once all its children are numbered.
            int[] order = new int[count];
            int[] stack = new int[64];
            int[] next = new int[64];
            int top = 0;
            stack[0] = ROOT;
            next[0] = childStart[ROOT];
            int n = 0;
            while (top >= 0) {
                int id = stack[top];
                if (next[top] < childStart[id + 1]) {
                    int c = children[next[top]++];
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                        next = Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = c;
                    next[top] = childStart[c];
                } else {
                    order[id] = n++;
                    top--;
                }
            }
            postOrder = order;
        }
        return postOrder;
    }

    int[][] childLinks() {
        int[][] links = childLinks;
        if (links != null && links[0].length == count) {
            return links;
        }
        return buildChildLinks();
    }

    private synchronized int[][] buildChildLinks() {
        if (childLinks == null || childLinks[0].length != count) {
            int[] first = new int[count];
            int[] next = new int[count];
            Arrays.fill(first, -1);
            Arrays.fill(next, -1);
            for (int id = count - 1; id > 0; id--) {
                next[id] = first[parents[id]];
                first[parents[id]] = id;
            }
            childLinks = new int[][] {first, next};
        }
        return childLinks;
    }

    /** Approximate heap bytes held. */
    public long memoryBytes() {
        return names.memoryBytes() + 4L * (parents.length + nameIds.length + table.length);
    }

    private int internChild(int parent, int nameId) {
        int slot = slot(parent, nameId);
        if (table[slot] != 0) {
            return table[slot] - 1;
        }
        if (count == parents.length) {
            parents = Arrays.copyOf(parents, count * 2);
            nameIds = Arrays.copyOf(nameIds, count * 2);
        }
        int id = count++;
        parents[id] = parent;
        nameIds[id] = nameId;
        table[slot] = id + 1;
        if (count * 2 > table.length) {
            rehash();
        }
        return id;
    }

    private int lookup(int parent, int nameId) {
        return table[slot(parent, nameId)] - 1;
    }

    /** The raw bytes of the last segment of {@code id} (names need not be UTF-8); for the layer-index cache. */
    synchronized byte[] nameBytes(int id) {
        return textBytes(nameIds[id]);
    }

    /** The raw bytes of a string interned with {@link #internText}; for the layer-index cache. */
    synchronized byte[] textBytes(int textId) {
        byte[] out = new byte[names.length(textId)];
        names.copyTo(textId, out, 0);
        return out;
    }

    /** The table slot holding (parent, name), or the empty slot where it would go. */
    private int slot(int parent, int nameId) {
        int mask = table.length - 1;
        for (int slot = hash(parent, nameId) & mask; ; slot = (slot + 1) & mask) {
            int idPlus1 = table[slot];
            if (idPlus1 == 0 || (parents[idPlus1 - 1] == parent && nameIds[idPlus1 - 1] == nameId)) {
                return slot;
            }
        }
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int id = 1; id < count; id++) {
            int slot = hash(parents[id], nameIds[id]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = id + 1;
        }
        table = bigger;
    }

    private static int hash(int parent, int nameId) {
        long x = ((long) parent << 32 | (nameId & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 29));
    }
}
