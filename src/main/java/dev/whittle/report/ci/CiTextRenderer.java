package dev.whittle.report.ci;

import dev.whittle.diagnose.SourceLine;
import dev.whittle.report.HumanText;
import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;

/**
 * Renders the gate for people: one PASS/FAIL/SKIP line per rule with measured value and limit, its offending items
 * (each with the Dockerfile line that put it in the image, when {@code --dockerfile} matched its layer), then the
 * result.
 */
public final class CiTextRenderer {
    private static final int MAX_DETAILS = 20;

    private CiTextRenderer() {
    }

    public static String render(Verdict v) {
        StringBuilder out = new StringBuilder();
        out.append("whittle ci ").append(oneLine(v.image())).append("  (rules from ")
                .append(oneLine(String.join(", ", v.configs()))).append(")\n\n");
        int ruleWidth = 4;
        int measuredWidth = 8;
        int limitWidth = 5;
        for (RuleResult r : v.results()) {
            ruleWidth = Math.max(ruleWidth, r.rule().length());
            measuredWidth = Math.max(measuredWidth, r.measured().length());
            limitWidth = Math.max(limitWidth, r.limit().length());
        }
        boolean several = v.configs().size() > 1;
        for (RuleResult r : v.results()) {
            String line = String.format("%-4s  %-" + ruleWidth + "s  %-" + measuredWidth + "s  limit %-" + limitWidth
                    + "s%s", r.status(), r.rule(), oneLine(r.measured()), oneLine(r.limit()),
                    several ? "  " + oneLine(r.config()) : "");
            out.append(line.stripTrailing()).append('\n');
            if (r.status() != Status.PASS) {
                out.append("      ").append(oneLine(r.message())).append('\n');
            }
            for (int i = 0; i < r.details().size(); i++) {
                if (i == MAX_DETAILS) {
                    out.append("      ... and ").append(r.details().size() - MAX_DETAILS).append(" more\n");
                    break;
                }
                SourceLine cause = v.lineOf(r.layerOf(i));
                out.append("      ").append(oneLine(r.details().get(i)));
                if (cause != null) {
                    out.append("  (").append(oneLine(cause.file())).append(':').append(cause.line()).append(')');
                }
                out.append('\n');
            }
        }
        out.append('\n').append(summary(v)).append('\n');
        return out.toString();
    }

    /** {@code FAIL: 2 of 9 rules failed (6 passed, 1 skipped)} or {@code PASS: 8 rules passed (1 skipped)}. */
    public static String summary(Verdict v) {
        int total = v.pass() + v.fail() + v.skip();
        String skipped = v.skip() == 0 ? "" : v.skip() + " skipped";
        if (v.passed()) {
            return "PASS: " + v.pass() + " of " + total + " rules passed" + (skipped.isEmpty() ? "" : " (" + skipped
                    + ")");
        }
        return "FAIL: " + v.fail() + " of " + total + " rules failed (" + v.pass() + " passed"
                + (skipped.isEmpty() ? "" : ", " + skipped) + ")";
    }

    /** Image-derived text on one line: control characters escaped ({@link HumanText}) so they cannot forge lines. */
    static String oneLine(String s) {
        return HumanText.line(s);
    }
}
