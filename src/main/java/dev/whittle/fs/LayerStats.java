package dev.whittle.fs;

/**
 * What one layer contributes, after the union.
 *
 * @param layer         layer index, 0 = base
 * @param contentBytes  sum of its regular files' sizes (hard links 0)
 * @param tarBytes      size of its uncompressed tar
 * @param filesAdded    non-directory entries at paths that did not exist below
 * @param filesModified non-directory entries at paths that existed below
 * @param filesDeleted  whiteouts that deleted a path existing below
 * @param hiddenBytes   content bytes of this layer hidden by later layers (or by a later duplicate in itself)
 * @param hidingBytes   content bytes of lower layers this layer hides
 */
public record LayerStats(int layer, long contentBytes, long tarBytes, int filesAdded, int filesModified,
                         int filesDeleted, long hiddenBytes, long hidingBytes) {
}
