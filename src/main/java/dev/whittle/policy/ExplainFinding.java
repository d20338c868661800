package dev.whittle.policy;

/**
 * What the gate needs of one {@code whittle explain} finding.
 *
 * @param id       the detector id
 * @param title    one line naming the mistake
 * @param severity how much it matters
 * @param bytes    bytes the fix would save
 * @param layer    the layer whose step brought in the finding's largest evidence (the step to change), or -1
 */
public record ExplainFinding(String id, String title, Severity severity, long bytes, int layer) {
    /** A finding not traced to a layer. */
    public ExplainFinding(String id, String title, Severity severity, long bytes) {
        this(id, title, severity, bytes, -1);
    }
}
