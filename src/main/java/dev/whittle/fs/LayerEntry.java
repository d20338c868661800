package dev.whittle.fs;

/**
 * One entry of one layer with its fate in the union, for detectors that walk every layer (caches, files deleted in a
 * later layer). Implicit directories are not reported.
 *
 * @param layer        the layer that ships the entry
 * @param path         absolute path (for a whiteout: the path it deletes)
 * @param type         entry type
 * @param contentBytes bytes it ships (regular files; 0 otherwise)
 * @param hiddenBy     the layer that hides it, or -1 when it is visible in the final filesystem (or is a whiteout)
 * @param reason       why it is hidden, or null
 * @param hiddenByPath the path of the entry that hides it (the overwriting file, the whiteout's path, the opaque
 *                     directory, the deleted parent), or null
 * @param linkTarget   a link's target, else null
 */
public record LayerEntry(int layer, String path, EntryType type, long contentBytes, int hiddenBy, HideReason reason,
                         String hiddenByPath, String linkTarget) {

    /** True when this entry's bytes are shipped but invisible. */
    public boolean hidden() {
        return hiddenBy >= 0;
    }
}
