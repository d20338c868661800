package dev.whittle.slim;

/**
 * How many leading layers stay untouched, and why.
 *
 * @param kept   the number of base layers kept byte for byte
 * @param reason how it was decided, for the plan: {@code history}, {@code --keep} or {@code --squash-all}
 */
public record BaseChoice(int kept, String reason) {
}
