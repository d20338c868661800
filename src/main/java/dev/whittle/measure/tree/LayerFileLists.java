package dev.whittle.measure.tree;

import dev.whittle.fs.ChangeKind;
import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerChange;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each layer's changes for a page that lists them all at once, kept to a budget whatever the file count: a layer with
 * more changes than its share keeps its largest ones; the rest are summed per directory into groups, and directories
 * into their parents while there are too many groups, so every count stays exact. Directories are implied by the
 * paths below them.
 */
public final class LayerFileLists {
    /** Changes listed one by one across all layers. */
    public static final int BUDGET = 20_000;
    private static final int MIN_PER_LAYER = 300;
    private static final int MAX_GROUPS = 2_000;

    private LayerFileLists() {
    }

    /** One list per layer, base first. */
    public static List<LayerFileList> of(UnionView union) {
        int layers = union.layers().size();
        int perLayer = Math.max(MIN_PER_LAYER, BUDGET / Math.max(1, layers));
        List<LayerFileList> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            out.add(layer(union.changes(l), perLayer));
        }
        return List.copyOf(out);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static LayerFileList layer(List<LayerChange> all, int cap) {
        List<LayerChange> changes = new ArrayList<>();
        for (LayerChange c : all) {
            if (c.type() != EntryType.DIR || c.change() == ChangeKind.DELETED) {
                changes.add(c);
            }
        }
        List<ListedChange> entries = new ArrayList<>();
        List<LayerChange> listed = changes;
        List<LayerChange> rest = List.of();
        if (changes.size() > cap) {
            List<LayerChange> bySize = new ArrayList<>(changes);
            bySize.sort(Comparator.comparingLong(LayerChange::size).reversed().thenComparing(LayerChange::path));
            listed = new ArrayList<>(bySize.subList(0, cap));
            listed.sort(Comparator.comparing(LayerChange::path));
            rest = bySize.subList(cap, bySize.size());
        }
        for (LayerChange c : listed) {
            Mark mark = switch (c.change()) {
                case ADDED -> Mark.ADDED;
                case MODIFIED -> Mark.MODIFIED;
                case DELETED -> Mark.REMOVED;
            };
            entries.add(new ListedChange(c.path(), mark, c.size(), c.type() == EntryType.SYMLINK, 0));
        }
        if (!rest.isEmpty()) {
            Map<String, long[]> dirs = new TreeMap<>();
            for (LayerChange c : rest) {
                long[] d = dirs.computeIfAbsent(parent(c.path()), k -> new long[2]);
                d[0]++;
                d[1] += c.size();
            }
            while (dirs.size() > MAX_GROUPS) {
                Map<String, long[]> up = new TreeMap<>();
                for (Map.Entry<String, long[]> g : dirs.entrySet()) {
                    long[] d = up.computeIfAbsent(parent(g.getKey()), k -> new long[2]);
                    d[0] += g.getValue()[0];
                    d[1] += g.getValue()[1];
                }
                dirs = up;
            }
            List<Map.Entry<String, long[]>> groups = new ArrayList<>(dirs.entrySet());
            groups.sort(Comparator.comparingLong((Map.Entry<String, long[]> g) -> g.getValue()[1]).reversed());
            for (Map.Entry<String, long[]> g : groups) {
                entries.add(new ListedChange(g.getKey(), null, g.getValue()[1], false, (int) g.getValue()[0]));
            }
        }
        return new LayerFileList(changes.size(), List.copyOf(entries));
    }
}
