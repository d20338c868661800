package dev.whittle.cli;

import dev.whittle.fs.UnionView;
import dev.whittle.policy.ExplainFinding;
import dev.whittle.source.Image;
import java.util.List;

/** Adapts {@code whittle explain}'s findings for the gate's {@code fail-on} rule and the HTML report. */
final class ExplainFindings {
    private ExplainFindings() {
    }

    /** The findings for an opened image, or null while explain is not part of this build. */
    static List<ExplainFinding> of(Image image, UnionView union) {
        return null;
    }
}
