package dev.whittle.measure.tree;

import dev.whittle.fs.EntryType;
import java.util.List;

/**
 * One path of a layer's tree.
 *
 * @param name         last path segment ({@code /} for the root)
 * @param path         absolute path
 * @param type         entry type (a directory that only contains entries is DIR)
 * @param mark         added, modified, removed or unmodified, relative to the layers below the selected one
 * @param bytes        the entry's own content bytes (for a removed entry: what it held)
 * @param totalBytes   content bytes at or below this path that are present (removed entries not counted)
 * @param files        present non-directory entries at or below this path
 * @param removedBytes content bytes at or below this path that the selected layer removes
 * @param wastedBytes  present content bytes at or below this path that a later layer hides: shipped, never seen
 * @param layer        the layer the entry comes from, or -1 for a directory no layer lists itself
 * @param hiddenBy     the later layer that hides this entry, or -1
 * @param mode         permission and type bits (0 when no layer lists the entry)
 * @param uid          owner
 * @param gid          group
 * @param linkTarget   a link's target, else null
 * @param children     the entries directly below, by name
 */
public record TreeNode(String name, String path, EntryType type, Mark mark, long bytes, long totalBytes, long files,
                       long removedBytes, long wastedBytes, int layer, int hiddenBy, int mode, int uid, int gid,
                       String linkTarget, List<TreeNode> children) {

    /** True for a directory (the root included). */
    public boolean isDirectory() {
        return type == EntryType.DIR;
    }

    /** The child with this name, or null. */
    public TreeNode child(String childName) {
        for (TreeNode c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }
}
