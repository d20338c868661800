/**
 * The image's file trees as result records, computed once from the {@link dev.whittle.fs.UnionView} so renderers
 * (the HTML report, the terminal explorer) only draw them: {@link dev.whittle.measure.tree.LayerTrees} gives any
 * layer's tree, its changes alone or everything up to and including it, with change marks, directory totals and
 * the bytes a later layer hides; {@link dev.whittle.measure.tree.Treemap} the final filesystem as a bounded size
 * tree; {@link dev.whittle.measure.tree.LayerFileLists} each layer's changes within a budget.
 */
package dev.whittle.measure.tree;
