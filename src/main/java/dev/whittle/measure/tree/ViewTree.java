package dev.whittle.measure.tree;

import java.util.Optional;

/**
 * A layer's tree in one scope, bounded for a page: the largest children of each directory, the rest summed.
 *
 * @param layer   the selected layer
 * @param scope   its changes alone, or everything up to and including it
 * @param root    the root directory
 * @param entries entries in the whole tree, the root not counted
 * @param listed  entries this bounded tree lists, the root not counted
 */
public record ViewTree(int layer, TreeScope scope, ViewNode root, int entries, int listed) {

    /** True when some entries are summed rather than listed. */
    public boolean cut() {
        return listed < entries;
    }

    /** The listed node at an absolute path, if any. */
    public Optional<ViewNode> find(String path) {
        ViewNode node = root;
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            node = node.child(segment);
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }
}
