package dev.whittle.measure.tree;

import java.util.List;

/**
 * One layer's changes within a budget.
 *
 * @param total   every change the layer makes (directories not counted unless removed)
 * @param entries the largest changes one by one, by path, then the groups that sum the rest, largest first
 */
public record LayerFileList(int total, List<ListedChange> entries) {
}
