package dev.whittle.dockerfile.fix;

/**
 * A finding left as it was, and why.
 *
 * @param ruleId  the rule
 * @param line    its line in the fixed text
 * @param column  its column
 * @param message the finding's message
 * @param reason  why no fix was made (one line)
 */
public record Unfixable(String ruleId, int line, int column, String message, String reason) {
}
