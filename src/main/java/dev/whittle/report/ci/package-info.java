/** Renderers for {@code whittle ci}: text, Markdown, GitHub annotations, JUnit XML and SARIF. */
package dev.whittle.report.ci;
