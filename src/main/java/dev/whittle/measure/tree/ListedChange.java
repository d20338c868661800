package dev.whittle.measure.tree;

/**
 * One row of a layer's change list: a change, or a directory's smaller changes summed when the list is over budget.
 *
 * @param path    absolute path
 * @param mark    ADDED, MODIFIED or REMOVED; null for a group of changes
 * @param bytes   content bytes (a removal: what it removed; a group: the sum)
 * @param symlink true for a symbolic link
 * @param grouped for a group, the number of changes it stands for, else 0
 */
public record ListedChange(String path, Mark mark, long bytes, boolean symlink, int grouped) {
}
