package dev.whittle.measure.tree;

import java.util.Optional;

/**
 * The tree of one layer in one scope.
 *
 * @param layer the selected layer
 * @param scope its changes alone, or everything up to and including it
 * @param root  the root directory
 */
public record LayerTree(int layer, TreeScope scope, TreeNode root) {

    /** The node at an absolute path, if this tree has it. */
    public Optional<TreeNode> find(String path) {
        TreeNode node = root;
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
