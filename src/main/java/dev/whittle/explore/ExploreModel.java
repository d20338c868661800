package dev.whittle.explore;

import dev.whittle.diagnose.Explanation;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.tree.LayerTrees;

/**
 * What the explorer shows: the finished results of one image.
 *
 * @param measurement its numbers, layers and wasted files
 * @param trees       its per-layer trees
 * @param explanation explain's findings, or null
 */
public record ExploreModel(Measurement measurement, LayerTrees trees, Explanation explanation) {
}
