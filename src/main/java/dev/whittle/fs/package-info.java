/**
 * Layer entries and the union view: whiteouts, opaque directories, hard links, path normalisation.
 *
 * <p>Flow: {@link dev.whittle.fs.FilesystemLoader#load} indexes every layer of an image in parallel with
 * {@link dev.whittle.fs.LayerIndexer} into compact {@link dev.whittle.fs.LayerIndex}es that share one
 * {@link dev.whittle.fs.PathTable}, then stacks them into a {@link dev.whittle.fs.UnionView} in one ordered pass.
 *
 * <p>Semantics: {@code ./a}, {@code a}, {@code /a} and {@code a/} are one path; directories a layer implies are added
 * as implicit rows; a path listed twice in a layer keeps its last entry (the earlier is hidden as a DUPLICATE); a
 * layer's opaque whiteouts act first, then its whiteouts, then its entries, wherever they sit in the tar; a
 * non-directory replacing a directory hides everything below it; hard links count 0 content bytes and must resolve
 * to a file in their layer or below; symlinks are stored and only followed inside the image by
 * {@link dev.whittle.fs.UnionView#resolve}. Hostile input ({@code ..} escaping the root, names over 4 KB, truncated
 * streams, non-tars, unresolvable or looping hard links) is an {@link dev.whittle.image.InputException} naming the
 * layer and entry.
 */
package dev.whittle.fs;
