/**
 * {@code whittle slim}: squashes the layers above the base image into one layer holding only the visible state,
 * without rebuilding. {@link dev.whittle.slim.SquashSelection} decides, from the union views of the whole image and
 * of its base, what the new layer holds (entries, hard links, whiteouts); {@link dev.whittle.slim.SquashedLayerWriter}
 * streams it from the original layer tars; {@link dev.whittle.slim.ConfigRewriter} rewrites config and history;
 * {@link dev.whittle.slim.Slimmer} runs the whole job and writes through {@code dev.whittle.write}.
 * {@link dev.whittle.slim.DropSelection} chooses what {@code --drop} removes from explain's claims.
 * Depends on image, source, fs, measure, diagnose and write.
 */
package dev.whittle.slim;
