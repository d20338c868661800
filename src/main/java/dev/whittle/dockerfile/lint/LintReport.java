package dev.whittle.dockerfile.lint;

import java.util.List;

/**
 * The outcome of linting several files against a failure threshold.
 *
 * @param files            one result per file, in the order given
 * @param failureThreshold findings at or above it fail the run; null for {@code none}
 */
public record LintReport(List<LintResult> files, Severity failureThreshold) {

    public LintReport {
        files = List.copyOf(files);
    }

    /** True when some file has a finding at or above the threshold. */
    public boolean failed() {
        for (LintResult r : files) {
            if (r.failsAt(failureThreshold)) {
                return true;
            }
        }
        return false;
    }

    /** Number of findings of {@code severity} over all files. */
    public int count(Severity severity) {
        int n = 0;
        for (LintResult r : files) {
            n += r.count(severity);
        }
        return n;
    }

    /** True when {@code f} counts against the threshold. */
    public boolean counts(Finding f) {
        return failureThreshold != null && f.severity().atLeast(failureThreshold);
    }
}
