package dev.whittle.slim;

/**
 * One entry of the squashed layer, in the order it is written.
 *
 * @param path       absolute path in the image
 * @param kind       what to write
 * @param layer      the layer whose tar holds the entry's header (and content), or -1 for a whiteout
 * @param pathId     the path id of that header's entry in {@code layer} (for a materialised hard link, its inode's)
 * @param row        that entry's row in {@code layer}'s index, or -1 for a whiteout
 * @param linkTarget for {@link Kind#HARDLINK}, the absolute path linked to; else null
 * @param bytes      content bytes this entry ships (regular files and materialised hard links)
 */
public record SquashEntry(String path, Kind kind, int layer, int pathId, int row, String linkTarget, long bytes) {

    /** What the writer does with an entry. */
    public enum Kind {
        /** Copy the header (and content) from {@code layer} as it is, under {@code path}. */
        COPY,
        /** A hard link whose inode no longer has a visible path: written as the inode's file under {@code path}. */
        MATERIALISED,
        /** A hard link to {@code linkTarget}, header metadata from {@code layer}. */
        HARDLINK,
        /** {@code .wh.NAME}: deletes a path the base layers have. */
        WHITEOUT
    }
}
