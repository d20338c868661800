package dev.whittle.fs;

/** What a layer entry is. Whiteouts name the path they delete, opaque whiteouts the directory they make opaque. */
public enum EntryType {
    FILE, DIR, SYMLINK, HARDLINK, WHITEOUT, OPAQUE_WHITEOUT, OTHER;

    /** True for entries that occupy a path in the merged filesystem (everything but the two whiteout kinds). */
    public boolean isNode() {
        return this != WHITEOUT && this != OPAQUE_WHITEOUT;
    }

    static final EntryType[] VALUES = values();
}
