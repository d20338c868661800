package dev.whittle.report.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.measure.tree.LayerFileList;
import dev.whittle.measure.tree.ListedChange;
import dev.whittle.measure.tree.TreemapNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The tree records in the page's compact JSON. Treemap node: {@code n} name, {@code s} bytes, {@code f} files,
 * {@code d} 1 for a directory, {@code a} 1 for a group, {@code l} a file's layer, {@code c} children. Change:
 * {@code p} path, {@code k} A, M, D or + (a group), {@code s} bytes, {@code t} l for a symlink, {@code x} the
 * changes a group stands for.
 */
final class TreeJson {
    private TreeJson() {
    }

    static ObjectNode treemap(TreemapNode root) {
        ObjectNode out = node(root);
        // Iterative: a hostile image may nest directories thousands deep.
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {root, out});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            TreemapNode n = (TreemapNode) next[0];
            if (n.directory() || !n.children().isEmpty()) {
                ArrayNode kids = ((ObjectNode) next[1]).putArray("c");
                for (TreemapNode c : n.children()) {
                    ObjectNode k = node(c);
                    kids.add(k);
                    todo.push(new Object[] {c, k});
                }
            }
        }
        return out;
    }

    private static ObjectNode node(TreemapNode n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("n", n.name());
        o.put("s", n.bytes());
        o.put("f", n.files());
        if (n.directory()) {
            o.put("d", 1);
        }
        if (n.group()) {
            o.put("a", 1);
        }
        if (n.layer() >= 0) {
            o.put("l", n.layer());
        }
        return o;
    }

    static ArrayNode layerFiles(List<LayerFileList> lists) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (LayerFileList list : lists) {
            ObjectNode layer = out.addObject();
            layer.put("total", list.total());
            ArrayNode entries = layer.putArray("entries");
            for (ListedChange c : list.entries()) {
                ObjectNode e = entries.addObject();
                e.put("p", c.path());
                e.put("k", c.mark() == null ? "+" : switch (c.mark()) {
                    case ADDED -> "A";
                    case MODIFIED -> "M";
                    case REMOVED -> "D";
                    case UNMODIFIED -> "U";
                });
                e.put("s", c.bytes());
                if (c.symlink()) {
                    e.put("t", "l");
                }
                if (c.mark() == null) {
                    e.put("x", c.grouped());
                }
            }
        }
        return out;
    }
}
