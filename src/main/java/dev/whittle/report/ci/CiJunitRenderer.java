package dev.whittle.report.ci;

import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.report.JUnitXmlWriter;
import dev.whittle.report.Plural;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the gate as JUnit XML through {@link JUnitXmlWriter}: one suite for the image, one test case per checked
 * rule, failed rules carrying the measured value, the limit and the offending items. Skipped rules (disabled, or not
 * measurable for this image) were not checked, so they are not reported as passing test cases: they are left out,
 * and the suite's name counts them.
 */
public final class CiJunitRenderer {
    private CiJunitRenderer() {
    }

    public static String render(Verdict v) {
        List<JUnitXmlWriter.TestCase> cases = new ArrayList<>();
        for (RuleResult r : v.results()) {
            if (r.status() == Status.SKIP) {
                continue;
            }
            JUnitXmlWriter.Failure failure = r.status() == Status.FAIL
                    ? new JUnitXmlWriter.Failure(r.rule(), r.message(), body(r)) : null;
            cases.add(new JUnitXmlWriter.TestCase(r.rule(), r.config(), failure));
        }
        String suite = "whittle ci " + v.image() + (v.skip() == 0 ? "" : " (" + Plural.of(v.skip(), "rule") + " skipped)");
        return JUnitXmlWriter.write("whittle ci", List.of(new JUnitXmlWriter.Suite(suite, cases)));
    }

    private static String body(RuleResult r) {
        StringBuilder b = new StringBuilder("measured: ").append(r.measured()).append("\nlimit: ").append(r.limit())
                .append('\n');
        r.details().forEach(d -> b.append(d).append('\n'));
        return b.toString();
    }
}
