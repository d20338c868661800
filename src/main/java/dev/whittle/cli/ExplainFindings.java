package dev.whittle.cli;

import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.policy.ExplainFinding;
import dev.whittle.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/** explain's findings as the gate's {@code fail-on} rule sees them. */
final class ExplainFindings {
    private ExplainFindings() {
    }

    /** The findings as the gate sees them. */
    static List<ExplainFinding> of(Explanation explanation) {
        List<ExplainFinding> out = new ArrayList<>();
        for (Finding f : explanation.findings()) {
            int layer = f.evidence().isEmpty() ? -1 : f.evidence().get(0).source().index();
            out.add(new ExplainFinding(f.id(), f.title(), Severity.valueOf(f.severity().name()), f.bytes(), layer));
        }
        return out;
    }
}
