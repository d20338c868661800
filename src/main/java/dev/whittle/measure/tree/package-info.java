/**
 * The image's file trees as result records, computed once from the {@link dev.whittle.fs.UnionView} so renderers
 * (the HTML report, the terminal explorer) only draw them: {@link dev.whittle.measure.tree.LayerTrees} gives any
 * layer's tree, its changes alone or everything up to and including it, with change marks, directory totals and
 * the bytes a later layer hides, as {@link dev.whittle.measure.tree.TreeColumns} (arrays by path id: what the
 * explorer and the report draw from at 200,000 files) or as {@link dev.whittle.measure.tree.TreeNode} records;
 * {@link dev.whittle.measure.tree.ViewTreeBuilder} bounds every layer's two trees for the report page and lays out
 * their treemap tiles.
 */
package dev.whittle.measure.tree;
