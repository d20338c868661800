package dev.whittle.measure.tree;

/** Which tree of a layer to show, as dive's two layer views. */
public enum TreeScope {
    /** The changes the layer makes, in their directories. */
    LAYER,
    /** The filesystem as of the layer: everything up to and including it. */
    AGGREGATED
}
