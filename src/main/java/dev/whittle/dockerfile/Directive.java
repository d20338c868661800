package dev.whittle.dockerfile;

/**
 * A parser directive from the top of the file ({@code # syntax=...}, {@code # escape=...}, {@code # check=...}).
 *
 * @param name  lower-cased directive name
 * @param value the value as written, trimmed
 * @param line  1-based line
 */
public record Directive(String name, String value, int line) {
}
