/** Renderers for {@code whittle compare}: text, Markdown (JSON goes through {@code JsonReport}). */
package dev.whittle.report.compare;
