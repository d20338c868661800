/** Renderers: text tables, JSON, SARIF, JUnit, Markdown, HTML. They format finished results and never compute. */
package dev.whittle.report;
