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
    private int[][] childLinks;
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

    /** The absolute path of {@code id}, e.g. {@code /usr/bin/env}; {@code /} for the root. */
    public String path(int id) {
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
     * stops at the root. Symlinks are not followed.
     */
    public int find(String path) {
        int id = ROOT;
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                id = id == ROOT ? ROOT : parents[id];
                continue;
            }
            byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
            int nameId = names.find(bytes, 0, bytes.length);
            if (nameId < 0) {
                return -1;
            }
            id = lookup(id, nameId);
            if (id < 0) {
                return -1;
            }
        }
        return id;
    }

    /** The child of {@code parent} with this name, or -1. */
    public int child(int parent, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        int nameId = names.find(bytes, 0, bytes.length);
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
    int intern(byte[] buf, int[] starts, int[] lengths, int n, int[] chain) {
        return intern(buf, starts, lengths, 0, n, chain);
    }

    /**
     * As {@link #intern(byte[], int[], int[], int, int[])} when the caller already knows the ids of the first
     * {@code from} segments ({@code chain[0..from)} filled in): only the rest are looked up.
     */
    synchronized int intern(byte[] buf, int[] starts, int[] lengths, int from, int n, int[] chain) {
        int id = from == 0 ? ROOT : chain[from - 1];
        for (int i = from; i < n; i++) {
            id = internChild(id, names.intern(buf, starts[i], lengths[i]));
            chain[i] = id;
        }
        return id;
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
     * unsigned bytes: the order dive visits a tree in. Built on first use, once all layers are indexed.
     */
    public synchronized int[] postOrder() {
        if (postOrder == null) {
            int[] order = new int[count];
            int[][] links = childLinks();
            int next = 0;
            // Iterative DFS: stack of (id, sorted children, position).
            java.util.ArrayDeque<int[]> stack = new java.util.ArrayDeque<>();
            stack.push(sortedChildren(ROOT, links));
            java.util.ArrayDeque<Integer> owners = new java.util.ArrayDeque<>();
            owners.push(ROOT);
            java.util.ArrayDeque<int[]> positions = new java.util.ArrayDeque<>();
            positions.push(new int[] {0});
            while (!stack.isEmpty()) {
                int[] children = stack.peek();
                int[] pos = positions.peek();
                if (pos[0] < children.length) {
                    int c = children[pos[0]++];
                    stack.push(sortedChildren(c, links));
                    owners.push(c);
                    positions.push(new int[] {0});
                } else {
                    stack.pop();
                    positions.pop();
                    order[owners.pop()] = next++;
                }
            }
            postOrder = order;
        }
        return postOrder;
    }

    private int[] sortedChildren(int id, int[][] links) {
        int n = 0;
        for (int c = links[0][id]; c >= 0; c = links[1][c]) {
            n++;
        }
        Integer[] children = new Integer[n];
        n = 0;
        for (int c = links[0][id]; c >= 0; c = links[1][c]) {
            children[n++] = c;
        }
        Arrays.sort(children, this::compareNames);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = children[i];
        }
        return out;
    }

    private synchronized int[][] childLinks() {
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
        int mask = table.length - 1;
        for (int slot = hash(parent, nameId) & mask; ; slot = (slot + 1) & mask) {
            int idPlus1 = table[slot];
            if (idPlus1 == 0) {
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
            int id = idPlus1 - 1;
            if (parents[id] == parent && nameIds[id] == nameId) {
                return id;
            }
        }
    }

    private int lookup(int parent, int nameId) {
        int mask = table.length - 1;
        for (int slot = hash(parent, nameId) & mask; ; slot = (slot + 1) & mask) {
            int idPlus1 = table[slot];
            if (idPlus1 == 0) {
                return -1;
            }
            int id = idPlus1 - 1;
            if (parents[id] == parent && nameIds[id] == nameId) {
                return id;
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
