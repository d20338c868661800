package dev.whittle.cli;

import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.fs.LoadProgress;
import dev.whittle.policy.ExplainFinding;
import dev.whittle.policy.Severity;
import dev.whittle.source.Image;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code whittle explain} for the gate's {@code fail-on} rule and the HTML report. */
final class ExplainFindings {
    private ExplainFindings() {
    }

    /** Explains an opened image (reading its layers again, with the content the detectors ask for). */
    static Explanation explain(Image image, LoadProgress progress) {
        return Explainer.explain(image, ExplainOptions.DEFAULTS, progress);
    }

    /** The findings as the gate sees them. */
    static List<ExplainFinding> of(Explanation explanation) {
        List<ExplainFinding> out = new ArrayList<>();
        for (Finding f : explanation.findings()) {
            out.add(new ExplainFinding(f.id(), f.title(), Severity.valueOf(f.severity().name()), f.bytes()));
        }
        return out;
    }
}
