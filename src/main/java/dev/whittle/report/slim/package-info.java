/** Renders {@code whittle slim}'s plan and result as text. */
package dev.whittle.report.slim;
