package dev.whittle.measure.tree;

import java.util.List;

/**
 * Every layer's two trees, bounded for a page that embeds them all: what a report's explorer draws.
 *
 * @param changes       per layer, base first: its changes alone
 * @param aggregated    per layer, base first: everything up to and including it
 * @param perDirectory  the most children a directory lists (beyond the paths pinned to be shown)
 * @param aspect        the treemap tiles' box, width over height
 */
public record ViewTrees(List<ViewTree> changes, List<ViewTree> aggregated, int perDirectory, double aspect) {
    public ViewTrees {
        changes = List.copyOf(changes);
        aggregated = List.copyOf(aggregated);
    }

    /** A layer's tree in a scope. */
    public ViewTree tree(int layer, TreeScope scope) {
        return (scope == TreeScope.LAYER ? changes : aggregated).get(layer);
    }
}
