package dev.whittle.policy;

import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;
import java.util.List;

/**
 * What the rules look at.
 *
 * @param measurement the image's numbers
 * @param union       its final filesystem (for {@code forbid})
 * @param baseline    the baseline for {@code max-growth}, or null
 * @param findings    explain's findings for {@code fail-on}, or null when explain was not run
 * @param packages    the installed packages for {@code forbid-packages} and the package budgets, or null when they
 *                    were not read
 */
public record Subject(Measurement measurement, UnionView union, Baseline baseline, List<ExplainFinding> findings,
                      PackageInventory packages) {
    public Subject {
        findings = findings == null ? null : List.copyOf(findings);
    }

    /** A subject without packages. */
    public Subject(Measurement measurement, UnionView union, Baseline baseline, List<ExplainFinding> findings) {
        this(measurement, union, baseline, findings, null);
    }
}
