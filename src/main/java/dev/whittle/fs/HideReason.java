package dev.whittle.fs;

/** Why a layer entry is not in the final filesystem. */
public enum HideReason {
    /** A later layer put another entry at the same path. */
    OVERWRITTEN,
    /** A later layer's whiteout {@code .wh.NAME} deleted the path. */
    WHITEOUT,
    /** A later layer's opaque whiteout {@code .wh..wh..opq} hid the directory's lower contents. */
    OPAQUE_WHITEOUT,
    /** A later layer deleted or replaced (with a non-directory) a parent directory. */
    PARENT_DELETED,
    /** The same layer lists the path again; its last entry wins. */
    DUPLICATE;

    static final HideReason[] VALUES = values();
}
