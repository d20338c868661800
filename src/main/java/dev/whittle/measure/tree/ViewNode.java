package dev.whittle.measure.tree;

import dev.whittle.fs.EntryType;
import java.util.List;

/**
 * One entry of a {@link ViewTree}: a {@link TreeNode} as a page shows it, with its treemap tile and, for a directory,
 * what its listed children leave out.
 *
 * @param name          last path segment ({@code /} for the root)
 * @param path          absolute path
 * @param type          entry type
 * @param mark          added, modified, removed or unmodified, as in {@link TreeNode#mark()}
 * @param totalBytes    content bytes present at or below it
 * @param files         present non-directory entries at or below it
 * @param removedBytes  bytes at or below it that the selected layer removes
 * @param wastedBytes   present bytes at or below it that a later layer hides
 * @param layer         the layer the entry comes from, or -1
 * @param hiddenBy      the later layer that hides the entry, or -1
 * @param mainLayer     for a directory, the layer that provides most of its present bytes (-1 when it has none);
 *                      for anything else, {@code layer}
 * @param tile          its tile in its parent's treemap, or null when it has no present bytes
 * @param children      the children listed, by name
 * @param more          the children not listed, summed, or null when every child is listed
 */
public record ViewNode(String name, String path, EntryType type, Mark mark, long totalBytes, long files,
                       long removedBytes, long wastedBytes, int layer, int hiddenBy, int mainLayer, TileRect tile,
                       List<ViewNode> children, Remainder more) {

    /** True for a directory (the root included). */
    public boolean isDirectory() {
        return type == EntryType.DIR;
    }

    /** The listed child with this name, or null. */
    public ViewNode child(String childName) {
        for (ViewNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    /**
     * A directory's children that a bounded tree does not list, summed: the page shows "N more, X MB".
     *
     * @param entries      how many children are left out
     * @param files        present files at or below them
     * @param totalBytes   present bytes at or below them
     * @param wastedBytes  of those, the bytes a later layer hides
     * @param tile         their one tile in the directory's treemap, or null when they have no present bytes
     */
    public record Remainder(int entries, long files, long totalBytes, long wastedBytes, TileRect tile) {
    }
}
