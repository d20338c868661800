package dev.whittle.dockerfile.fix;

/**
 * A fix that was made.
 *
 * @param ruleId      the rule whose finding it removed ({@code WH001}), or {@code FX001}.. for fixes of their own
 * @param line        the line of the finding in the text the fix was applied to
 * @param description what it did, one line
 */
public record AppliedFix(String ruleId, int line, String description) {
}
