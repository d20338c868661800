package dev.whittle.report.lint;

import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.Rule;
import dev.whittle.dockerfile.lint.rules.Rules;
import dev.whittle.report.JUnitXmlWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Lint as JUnit XML: a suite per Dockerfile, one test case per rule per file (WH000 for syntax); a case fails when
 * the file has findings of that rule at or above the failure threshold, and the failure lists them. A rule switched
 * off for the file ({@code lint.ignore} in {@code .whittle.yml}, a global ignore pragma) is a {@code <skipped/>} case.
 * The class name is {@code lint/FILE}, dots made underscores by the writer.
 */
public final class LintJUnitRenderer {

    private LintJUnitRenderer() {
    }

    /** The whole document for {@code report}. */
    public static String render(LintReport report) {
        List<JUnitXmlWriter.Suite> suites = new ArrayList<>();
        for (LintResult file : report.files()) {
            List<JUnitXmlWriter.TestCase> cases = new ArrayList<>();
            cases.add(testCase(report, file, Rules.PARSE_ERROR_ID, "Dockerfile syntax"));
            for (Rule r : Rules.all()) {
                if (file.skippedRules().contains(r.id())) {
                    cases.add(JUnitXmlWriter.TestCase.skipped(r.id() + " " + r.name(), "lint/" + file.file(),
                            r.id() + " is switched off for this file"));
                } else {
                    cases.add(testCase(report, file, r.id(), r.name()));
                }
            }
            suites.add(new JUnitXmlWriter.Suite(file.file(), cases));
        }
        return JUnitXmlWriter.write("whittle lint", suites);
    }

    private static JUnitXmlWriter.TestCase testCase(LintReport report, LintResult file, String id, String name) {
        List<Finding> failing = new ArrayList<>();
        for (Finding f : file.findings()) {
            if (f.ruleId().equals(id) && report.counts(f)) {
                failing.add(f);
            }
        }
        String caseName = id + " " + name;
        if (failing.isEmpty()) {
            return new JUnitXmlWriter.TestCase(caseName, "lint/" + file.file(), null);
        }
        StringBuilder text = new StringBuilder();
        for (Finding f : failing) {
            text.append(file.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                    .append(f.severity().label()).append(' ').append(f.message()).append('\n');
        }
        String message = failing.size() == 1 ? failing.get(0).message() : failing.size() + " findings";
        return new JUnitXmlWriter.TestCase(caseName, "lint/" + file.file(),
                new JUnitXmlWriter.Failure(id, message, text.toString()));
    }
}
