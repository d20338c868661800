/**
 * {@code whittle report}: one self-contained HTML file (inline CSS, JavaScript and data; no network) with summary
 * cards, a layer chart, explain's findings and an explorer: each layer's tree (its changes, or everything up to it),
 * its treemap coloured by layer or by waste, and the wasted files and explain's findings linked to both.
 */
package dev.whittle.report.html;
