package dev.whittle.fs;

import dev.whittle.image.InputException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The layers of one image stacked into the final filesystem, with the fate of every layer entry: which layer
 * provides each path, and which later layer hid each entry (overwrite, whiteout, opaque whiteout, deleted parent).
 * Built in one ordered pass by {@link #of}; immutable afterwards. Queries answer {@code ls}, {@code ls --layer},
 * {@code find}, largest files, and walks over every entry of every layer.
 */
public final class UnionView {
    private static final int MAX_SYMLINK_HOPS = 40;

    private final PathTable paths;
    private final List<LayerIndex> layers;
    private final UnionBuilder u;
    private final List<LayerStats> stats;
    private final long visibleBytes;
    private long[] totals;

    private UnionView(PathTable paths, List<LayerIndex> layers, UnionBuilder u) {
        this.paths = paths;
        this.layers = List.copyOf(layers);
        this.u = u;
        long[] hidden = new long[layers.size()];
        long[] hiding = new long[layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex layer = layers.get(l);
            for (int r = 0; r < layer.size(); r++) {
                int by = u.hiddenBy[l][r];
                if (by >= 0) {
                    hidden[l] += layer.contentBytes(r);
                    hiding[by] += layer.contentBytes(r);
                }
            }
        }
        List<LayerStats> s = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex layer = layers.get(l);
            s.add(new LayerStats(l, layer.contentBytes(), layer.tarBytes(), u.added[l], u.modified[l], u.deleted[l],
                    hidden[l], hiding[l]));
        }
        this.stats = List.copyOf(s);
        long visible = 0;
        for (int p = 1; p < paths.size(); p++) {
            if (u.provLayer[p] >= 0) {
                visible += layers.get(u.provLayer[p]).contentBytes(u.provRow[p]);
            }
        }
        this.visibleBytes = visible;
    }

    /**
     * Stacks the layers (base first; each {@code layers.get(i).index() == i}) that share {@code paths}.
     *
     * @throws InputException when a hard link points at nothing in its layer or below
     */
    public static UnionView of(PathTable paths, List<LayerIndex> layers) {
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).paths() != paths) {
                throw new IllegalArgumentException("layer " + i + " was indexed with another path table");
            }
            if (layers.get(i).index() != i) {
                throw new IllegalArgumentException("layer at position " + i + " has index " + layers.get(i).index());
            }
        }
        return new UnionView(paths, layers, new UnionBuilder(paths, layers).build());
    }

    public PathTable paths() {
        return paths;
    }

    /** The layer indexes, base first. */
    public List<LayerIndex> layers() {
        return layers;
    }

    /** Per-layer numbers, base first. */
    public List<LayerStats> layerStats() {
        return stats;
    }

    /** Sum of the layers' content bytes. */
    public long contentBytes() {
        long sum = 0;
        for (LayerIndex layer : layers) {
            sum += layer.contentBytes();
        }
        return sum;
    }

    /** Content bytes of the files present in the final filesystem. */
    public long visibleBytes() {
        return visibleBytes;
    }

    // ---- the final filesystem ----

    /** True when the path id exists in the final filesystem (the root always does). */
    public boolean exists(int pathId) {
        return u.present(pathId);
    }

    /** The layer providing a path in the final filesystem, or -1 (absent, or the root). */
    public int providerLayer(int pathId) {
        return u.provLayer[pathId];
    }

    /** The row of {@link #providerLayer} providing the path, or -1. */
    public int providerRow(int pathId) {
        return u.provRow[pathId];
    }

    /** The entry at a path of the final filesystem, symlinks not followed. */
    public Optional<FileEntry> stat(String path) {
        int id = paths.find(path);
        return id >= 0 && exists(id) ? Optional.of(entry(id)) : Optional.empty();
    }

    /**
     * The entries directly inside a directory, sorted by name; a non-directory lists itself; a missing path lists
     * nothing. Symlinks are not followed (use {@link #resolve} first).
     */
    public List<FileEntry> list(String path) {
        int id = paths.find(path);
        if (id < 0 || !exists(id)) {
            return List.of();
        }
        if (id != PathTable.ROOT && type(id) != EntryType.DIR) {
            return List.of(entry(id));
        }
        List<FileEntry> out = new ArrayList<>();
        for (int c : sortedChildren(id)) {
            out.add(entry(c));
        }
        return out;
    }

    /**
     * The path and everything below it down to {@code maxDepth} levels (0 = the path only, negative = unlimited),
     * parents before children, names sorted.
     */
    public List<FileEntry> walk(String path, int maxDepth) {
        List<FileEntry> out = new ArrayList<>();
        int id = paths.find(path);
        if (id >= 0 && exists(id)) {
            walk(id, 0, maxDepth < 0 ? Integer.MAX_VALUE : maxDepth, e -> out.add(entry(e)));
        }
        return out;
    }

    /** Visible content bytes at or below a path (0 when absent). */
    public long diskUsage(String path) {
        int id = paths.find(path);
        return id >= 0 && exists(id) ? totals()[id] : 0;
    }

    /**
     * Every path of the final filesystem matching any of the patterns (see {@link Glob}), sorted by path. A matching
     * directory is reported once, with its total in {@link FileEntry#totalBytes()}; its contents are not repeated.
     */
    public List<FileEntry> find(Collection<Glob> patterns) {
        List<FileEntry> out = new ArrayList<>();
        findBelow(PathTable.ROOT, patterns, out);
        return out;
    }

    /** The largest regular files of the final filesystem, largest first (ties in path order, segment by segment). */
    public List<FileEntry> largestFiles(int n) {
        int[] rank = paths.postOrderShared();
        Comparator<long[]> order = Comparator.<long[]>comparingLong(a -> a[0])
                .thenComparing(Comparator.<long[]>comparingInt(a -> rank[(int) a[1]]).reversed());
        PriorityQueue<long[]> top = new PriorityQueue<>(order);
        for (int p = 1; p < paths.size() && n > 0; p++) {
            if (u.provLayer[p] >= 0 && type(p) == EntryType.FILE) {
                long bytes = layers.get(u.provLayer[p]).contentBytes(u.provRow[p]);
                if (top.size() == n && bytes < top.peek()[0]) {
                    continue;
                }
                top.add(new long[] {bytes, p});
                if (top.size() > n) {
                    top.poll();
                }
            }
        }
        List<FileEntry> out = new ArrayList<>();
        while (!top.isEmpty()) {
            out.add(entry((int) top.poll()[1]));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * Resolves symlinks in every segment of a path inside the image (never on the host), like {@code realpath}.
     *
     * @return the resolved absolute path, or empty when some segment does not exist
     * @throws InputException "symlink loop at X" after 40 hops
     */
    public Optional<String> resolve(String path) {
        Deque<String> todo = new ArrayDeque<>();
        pushSegments(todo, path);
        int cur = PathTable.ROOT;
        int hops = 0;
        while (!todo.isEmpty()) {
            String s = todo.pop();
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                cur = cur == PathTable.ROOT ? cur : paths.parent(cur);
                continue;
            }
            if (cur != PathTable.ROOT && type(cur) != EntryType.DIR) {
                return Optional.empty();
            }
            int c = paths.child(cur, s);
            if (c < 0 || !exists(c)) {
                return Optional.empty();
            }
            if (type(c) == EntryType.SYMLINK) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new InputException("symlink loop at " + paths.path(c));
                }
                String target = layers.get(u.provLayer[c]).linkTarget(u.provRow[c]);
                if (target.startsWith("/")) {
                    cur = PathTable.ROOT;
                }
                pushSegments(todo, target);
            } else {
                cur = c;
            }
        }
        return Optional.of(paths.path(cur));
    }

    // ---- layers ----

    /** The changes one layer makes (explicit entries and effective whiteouts), sorted by path. */
    public List<LayerChange> changes(int layer) {
        LayerIndex li = layers.get(layer);
        long[] deletedBytes = new long[li.size()];
        for (int l = 0; l < layer; l++) {
            LayerIndex lower = layers.get(l);
            for (int r = 0; r < lower.size(); r++) {
                if (u.hiddenBy[l][r] == layer && u.hiderRow[l][r] >= 0) {
                    deletedBytes[u.hiderRow[l][r]] += lower.contentBytes(r);
                }
            }
        }
        List<LayerChange> out = new ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            byte change = u.changes[layer][r];
            if (change < 0 || li.isSuperseded(r)) {
                continue;
            }
            ChangeKind kind = ChangeKind.VALUES[change];
            long size = kind == ChangeKind.DELETED ? deletedBytes[r] : li.contentBytes(r);
            out.add(new LayerChange(li.path(r), li.type(r), size, kind, li.linkTarget(r)));
        }
        out.sort(Comparator.comparing(LayerChange::path));
        return out;
    }

    /** How a row changes the layers below it, or null (an implicit directory, a duplicate, a no-op whiteout). */
    public ChangeKind change(int layer, int row) {
        byte c = u.changes[layer][row];
        return c < 0 ? null : ChangeKind.VALUES[c];
    }

    /** The layer hiding a row, or -1 when it is visible (or a whiteout, or a directory merged into one below). */
    public int hiddenBy(int layer, int row) {
        return u.hiddenBy[layer][row];
    }

    /** Why a row is hidden, or null. */
    public HideReason hideReason(int layer, int row) {
        return u.hiddenBy[layer][row] < 0 ? null : HideReason.VALUES[u.reasons[layer][row]];
    }

    /** The row of {@link #hiddenBy} responsible for hiding a row, or -1. */
    public int hiddenByRow(int layer, int row) {
        return u.hiderRow[layer][row];
    }

    /** Visits every explicit entry of every layer (base first, tar order), with its fate. */
    public void forEachEntry(Consumer<LayerEntry> visitor) {
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex li = layers.get(l);
            for (int r = 0; r < li.size(); r++) {
                if (li.isImplicit(r)) {
                    continue;
                }
                int by = u.hiddenBy[l][r];
                String byPath = by < 0 ? null : layers.get(by).path(u.hiderRow[l][r]);
                visitor.accept(new LayerEntry(l, li.path(r), li.type(r), li.contentBytes(r), by,
                        hideReason(l, r), byPath, li.linkTarget(r)));
            }
        }
    }

    // ---- internals ----

    private EntryType type(int id) {
        return layers.get(u.provLayer[id]).type(u.provRow[id]);
    }

    private FileEntry entry(int id) {
        long total = totals()[id];
        if (id == PathTable.ROOT) {
            return new FileEntry("/", "", 0, EntryType.DIR, 0, total, 040755, 0, 0, 0, null, -1, true);
        }
        LayerIndex li = layers.get(u.provLayer[id]);
        int r = u.provRow[id];
        return new FileEntry(paths.path(id), paths.name(id), paths.depth(id), li.type(r), li.headerSize(r), total,
                li.mode(r), li.uid(r), li.gid(r), li.mtime(r), li.linkTarget(r), li.index(), li.isImplicit(r));
    }

    /** Visible bytes at or below each path, computed once: children have larger ids than their parents. */
    private synchronized long[] totals() {
        if (totals == null) {
            long[] t = new long[paths.size()];
            for (int p = paths.size() - 1; p > 0; p--) {
                if (u.provLayer[p] >= 0) {
                    t[p] += layers.get(u.provLayer[p]).contentBytes(u.provRow[p]);
                    t[paths.parent(p)] += t[p];
                }
            }
            totals = t;
        }
        return totals;
    }

    private List<Integer> sortedChildren(int id) {
        List<Integer> children = new ArrayList<>();
        for (int c = paths.firstChild(id); c >= 0; c = paths.nextSibling(c)) {
            if (u.provLayer[c] >= 0) {
                children.add(c);
            }
        }
        children.sort(paths::compareNames);
        return children;
    }

    private void walk(int id, int depth, int maxDepth, java.util.function.IntConsumer visit) {
        visit.accept(id);
        if (depth < maxDepth && (id == PathTable.ROOT || type(id) == EntryType.DIR)) {
            for (int c : sortedChildren(id)) {
                walk(c, depth + 1, maxDepth, visit);
            }
        }
    }

    private void findBelow(int dir, Collection<Glob> patterns, List<FileEntry> out) {
        for (int c : sortedChildren(dir)) {
            String path = paths.path(c);
            if (patterns.stream().anyMatch(g -> g.matches(path))) {
                out.add(entry(c));
            } else if (type(c) == EntryType.DIR) {
                findBelow(c, patterns, out);
            }
        }
    }

    private static void pushSegments(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }
}
