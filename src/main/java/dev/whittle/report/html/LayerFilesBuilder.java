package dev.whittle.report.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Each layer's changes for the file tree, as dive's file pane marks them: {@code p} path, {@code k} A (added),
 * M (modified) or D (deleted), {@code s} bytes, {@code t} l for a symlink. A layer with more changes than its share of
 * the budget keeps its largest ones; the rest are summed per directory into entries with {@code k} "+" and {@code x}
 * the number of changes they stand for. Directories are implied by the paths below them.
 */
final class LayerFilesBuilder {
    /** Changes listed one by one across all layers. */
    static final int BUDGET = 20_000;
    private static final int MIN_PER_LAYER = 300;
    private static final int MAX_AGGREGATES = 2_000;

    private LayerFilesBuilder() {
    }

    static ArrayNode build(UnionView union) {
        int layers = union.layers().size();
        int perLayer = Math.max(MIN_PER_LAYER, BUDGET / Math.max(1, layers));
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int l = 0; l < layers; l++) {
            out.add(layer(union.changes(l), perLayer));
        }
        return out;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static ObjectNode layer(List<LayerChange> all, int cap) {
        List<LayerChange> changes = new ArrayList<>();
        for (LayerChange c : all) {
            if (c.type() != EntryType.DIR || c.change() == ChangeKind.DELETED) {
                changes.add(c);
            }
        }
        ObjectNode layer = JsonNodeFactory.instance.objectNode();
        layer.put("total", changes.size());
        ArrayNode entries = layer.putArray("entries");
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
            ObjectNode e = entries.addObject();
            e.put("p", c.path());
            e.put("k", switch (c.change()) {
                case ADDED -> "A";
                case MODIFIED -> "M";
                case DELETED -> "D";
            });
            e.put("s", c.size());
            if (c.type() == EntryType.SYMLINK) {
                e.put("t", "l");
            }
        }
        if (!rest.isEmpty()) {
            Map<String, long[]> dirs = new TreeMap<>();
            for (LayerChange c : rest) {
                long[] d = dirs.computeIfAbsent(parent(c.path()), k -> new long[2]);
                d[0]++;
                d[1] += c.size();
            }
            // Too many directories: sum them into their parents, level by level, so every count stays exact.
            while (dirs.size() > MAX_AGGREGATES) {
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
                ObjectNode e = entries.addObject();
                e.put("p", g.getKey());
                e.put("k", "+");
                e.put("s", g.getValue()[1]);
                e.put("x", g.getValue()[0]);
            }
        }
        return layer;
    }
}
