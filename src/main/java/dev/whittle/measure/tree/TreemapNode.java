package dev.whittle.measure.tree;

import java.util.List;

/**
 * One tile of the treemap.
 *
 * @param name      last path segment, {@code /} for the root, or {@code (N small files)} for a group
 * @param bytes     content bytes at or below it
 * @param files     regular files and links at or below it
 * @param directory true for a directory
 * @param group     true for the tile that stands for a directory's many small entries
 * @param layer     for a file, the layer that provides it; -1 for a directory or a group
 * @param children  the tiles inside, largest first (empty for files, groups and directories not expanded)
 */
public record TreemapNode(String name, long bytes, long files, boolean directory, boolean group, int layer,
                          List<TreemapNode> children) {
}
