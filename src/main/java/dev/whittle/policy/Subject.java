package dev.whittle.policy;

import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import java.util.List;

/**
 * What the rules look at.
 *
 * @param measurement the image's numbers
 * @param union       its final filesystem (for {@code forbid})
 * @param baseline    the baseline for {@code max-growth}, or null
 * @param findings    explain's findings for {@code fail-on}, or null when explain was not run
 */
public record Subject(Measurement measurement, UnionView union, Baseline baseline, List<ExplainFinding> findings) {
    public Subject {
        findings = findings == null ? null : List.copyOf(findings);
    }
}
