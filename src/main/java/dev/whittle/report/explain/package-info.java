/** Renderers for {@code whittle explain}: text for a terminal, markdown for a pull-request comment. */
package dev.whittle.report.explain;
