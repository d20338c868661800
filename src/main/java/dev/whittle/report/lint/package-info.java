/** Renderers for {@code whittle lint}: tty, JSON, SARIF, Checkstyle, JUnit and GitHub annotations. */
package dev.whittle.report.lint;
