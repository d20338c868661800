package dev.whittle.fs;

/** How a layer entry changes the filesystem below it, as dive's file pane marks it. */
public enum ChangeKind {
    /** The path did not exist in the layers below. */
    ADDED,
    /** The path existed in the layers below. */
    MODIFIED,
    /** A whiteout that deleted a path existing below. */
    DELETED;

    static final ChangeKind[] VALUES = values();
}
