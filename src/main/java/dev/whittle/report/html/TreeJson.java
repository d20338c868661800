package dev.whittle.report.html;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.fs.EntryType;
import dev.whittle.measure.WastedFile;
import dev.whittle.measure.tree.TileRect;
import dev.whittle.measure.tree.ViewNode;
import dev.whittle.measure.tree.ViewTree;
import dev.whittle.measure.tree.ViewTrees;
import dev.whittle.report.HumanText;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The explorer's trees in the page's compact JSON: {@code {perDirectory, aspect, wasted, layers: [{changes,
 * aggregated}]}}; a wasted file {@code {p path, s bytes, a the layer that added it, h the layer that hid it, why}};
 * a tree {@code {entries, listed, root}}. Node: {@code n} name (control characters escaped by {@link HumanText}),
 * {@code m} mark (A, M, R, U), {@code t} d directory, l link, f anything else, {@code s} present bytes, {@code f}
 * files, {@code x} removed bytes, {@code w} wasted bytes, {@code l} layer, {@code h} the layer that hides it,
 * {@code g} main layer, {@code r} tile [x, y, w, h] as fractions of the parent's box, {@code c} children,
 * {@code o} the children not listed: {@code {e entries, f files, s bytes, w wasted, r tile}}, or just the number of
 * entries when none is listed (then the rest is the node's own). Zeros and -1 are left out.
 */
final class TreeJson {
    private TreeJson() {
    }

    static ObjectNode explore(ViewTrees trees, List<WastedFile> wasted) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("perDirectory", trees.perDirectory());
        out.put("aspect", trees.aspect());
        // The wasted files with their paths escaped as the trees' names are, so a click finds its node.
        ArrayNode list = out.putArray("wasted");
        for (WastedFile w : wasted) {
            list.addObject().put("p", HumanText.line(w.path())).put("s", w.bytes()).put("a", w.addedBy())
                    .put("h", w.hiddenBy()).put("why", w.reason());
        }
        ArrayNode layers = out.putArray("layers");
        for (int l = 0; l < trees.changes().size(); l++) {
            ObjectNode layer = layers.addObject();
            layer.set("changes", tree(trees.changes().get(l)));
            layer.set("aggregated", tree(trees.aggregated().get(l)));
        }
        return out;
    }

    static ObjectNode tree(ViewTree tree) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("entries", tree.entries());
        out.put("listed", tree.listed());
        ObjectNode root = node(tree.root());
        out.set("root", root);
        // Iterative: a hostile image may nest directories thousands deep.
        Deque<Object[]> todo = new ArrayDeque<>();
        todo.push(new Object[] {tree.root(), root});
        while (!todo.isEmpty()) {
            Object[] next = todo.pop();
            ViewNode n = (ViewNode) next[0];
            ObjectNode o = (ObjectNode) next[1];
            if (!n.children().isEmpty()) {
                ArrayNode kids = o.putArray("c");
                for (ViewNode c : n.children()) {
                    ObjectNode k = node(c);
                    kids.add(k);
                    todo.push(new Object[] {c, k});
                }
            }
        }
        return out;
    }

    private static ObjectNode node(ViewNode n) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("n", HumanText.line(n.name()));
        o.put("m", String.valueOf(n.mark().letter()));
        o.put("t", n.type() == EntryType.DIR ? "d" : n.type() == EntryType.SYMLINK ? "l" : "f");
        o.put("s", n.totalBytes());
        putIf(o, "f", n.files());
        putIf(o, "x", n.removedBytes());
        putIf(o, "w", n.wastedBytes());
        if (n.layer() >= 0) {
            o.put("l", n.layer());
        }
        if (n.hiddenBy() >= 0) {
            o.put("h", n.hiddenBy());
        }
        if (n.mainLayer() >= 0) {
            o.put("g", n.mainLayer());
        }
        tile(o, n.tile());
        ViewNode.Remainder more = n.more();
        if (more != null && n.children().isEmpty()) {
            o.put("o", more.entries()); // a directory not opened: everything in it is the remainder, tile and all
        } else if (more != null) {
            ObjectNode m = o.putObject("o");
            m.put("e", more.entries());
            putIf(m, "f", more.files());
            m.put("s", more.totalBytes());
            putIf(m, "w", more.wastedBytes());
            tile(m, more.tile());
        }
        return o;
    }

    private static void putIf(ObjectNode o, String key, long value) {
        if (value != 0) {
            o.put(key, value);
        }
    }

    private static void tile(ObjectNode o, TileRect r) {
        if (r != null) {
            o.putArray("r").add(round(r.x())).add(round(r.y())).add(round(r.w())).add(round(r.h()));
        }
    }

    /** Four decimals: a ten-thousandth of a 1,200-pixel box is a tenth of a pixel. */
    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
