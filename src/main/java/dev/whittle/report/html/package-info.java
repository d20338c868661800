/**
 * {@code whittle report}: one self-contained HTML file (inline CSS, JavaScript and data; no network) with summary
 * cards, a layer chart, a zoomable treemap, explain's findings and per-layer file trees.
 */
package dev.whittle.report.html;
