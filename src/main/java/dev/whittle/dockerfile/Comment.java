package dev.whittle.dockerfile;

/**
 * A comment line.
 *
 * @param line 1-based line
 * @param text the text after {@code #}, trimmed (for example {@code hadolint ignore=DL3008})
 */
public record Comment(int line, String text) {
}
