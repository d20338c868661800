package dev.whittle.policy;

/**
 * What the gate needs of one {@code whittle explain} finding.
 *
 * @param id       the detector id
 * @param title    one line naming the mistake
 * @param severity how much it matters
 * @param bytes    bytes the fix would save
 */
public record ExplainFinding(String id, String title, Severity severity, long bytes) {
}
