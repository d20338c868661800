package dev.whittle.report.ci;

import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.report.JUnitXmlWriter;
import dev.whittle.report.Plural;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the gate as JUnit XML through {@link JUnitXmlWriter}: one suite for the image, one test case per rule,
 * failed rules carrying the measured value, the limit and the offending items. Skipped rules (disabled, or not
 * measurable for this image) were not checked: they are {@code <skipped/>} cases with the reason, never passes.
 */
public final class CiJunitRenderer {
    private CiJunitRenderer() {
    }

    public static String render(Verdict v) {
        List<JUnitXmlWriter.TestCase> cases = new ArrayList<>();
        for (RuleResult r : v.results()) {
            if (r.status() == Status.SKIP) {
                cases.add(JUnitXmlWriter.TestCase.skipped(r.rule(), r.config(), r.message()));
                continue;
            }
            JUnitXmlWriter.Failure failure = r.status() == Status.FAIL
                    ? new JUnitXmlWriter.Failure(r.rule(), r.message(), body(v, r)) : null;
            cases.add(new JUnitXmlWriter.TestCase(r.rule(), r.config(), failure));
        }
        String suite = "whittle ci " + v.image();
        return JUnitXmlWriter.write("whittle ci", List.of(new JUnitXmlWriter.Suite(suite, cases)));
    }

    /** Measured value and limit, then the offending items, under the Dockerfile line that caused them when known. */
    private static String body(Verdict v, RuleResult r) {
        StringBuilder b = new StringBuilder("measured: ").append(r.measured()).append("\nlimit: ").append(r.limit())
                .append('\n');
        for (Verdict.Placement p : v.placements(r)) {
            if (p.line() != null) {
                b.append(p.line().file()).append(':').append(p.line().line()).append(": ").append(p.line().text())
                        .append('\n');
                p.details().forEach(d -> b.append("  ").append(d).append('\n'));
            } else {
                p.details().forEach(d -> b.append(d).append('\n'));
            }
        }
        return b.toString();
    }
}
