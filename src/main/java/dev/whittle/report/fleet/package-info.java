/**
 * Renderers of {@code whittle fleet report} and {@code fleet diff}: text, CSV and the HTML page. They draw the result
 * records of {@code dev.whittle.fleet.query} and compute nothing.
 */
package dev.whittle.report.fleet;
