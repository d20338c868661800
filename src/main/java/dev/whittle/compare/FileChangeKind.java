package dev.whittle.compare;

/** How a path of the final filesystem differs between two images. */
public enum FileChangeKind {
    /** Only in the second image. */
    ADDED,
    /** Only in the first image. */
    REMOVED,
    /** In both, larger in the second. */
    GROWN,
    /** In both, smaller in the second. */
    SHRUNK
}
