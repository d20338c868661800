package dev.whittle.report;

import dev.whittle.fs.LayerChange;
import java.util.List;

/**
 * What {@code whittle ls --layer N} shows: one layer's changes, as dive's file pane marks them.
 *
 * @param reference   the image
 * @param layer       the layer index
 * @param instruction the instruction that made it
 * @param changes     added, modified and deleted paths, sorted by path
 */
public record LayerListing(String reference, int layer, String instruction, List<LayerChange> changes) {
    public LayerListing {
        changes = List.copyOf(changes);
    }
}
