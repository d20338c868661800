package dev.whittle.report.lint;

import dev.whittle.report.HumanText;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.RelatedLocation;
import dev.whittle.dockerfile.lint.Rule;
import dev.whittle.dockerfile.lint.rules.Rules;
import dev.whittle.dockerfile.lint.Severity;
import java.util.Optional;

/**
 * Compiler-style text: {@code Dockerfile:12:5 warning WH001 message [DL3015]}, the source line with the finding
 * underlined, then the why, related places, details and the fix.
 */
public final class LintTtyRenderer {

    private LintTtyRenderer() {
    }

    /** The whole document for {@code report}. */
    public static String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (LintResult r : report.files()) {
            for (Finding f : r.findings()) {
                finding(out, r, f);
            }
        }
        int errors = report.count(Severity.ERROR);
        int warnings = report.count(Severity.WARNING);
        int infos = report.count(Severity.INFO);
        if (errors + warnings + infos == 0) {
            out.append(report.files().size() == 1 ? report.files().get(0).file() + ": no findings\n"
                    : "no findings in " + report.files().size() + " files\n");
        } else {
            out.append(plural(errors, "error")).append(", ").append(plural(warnings, "warning")).append(", ")
                    .append(plural(infos, "info")).append(report.files().size() > 1
                            ? " in " + report.files().size() + " files" : "").append('\n');
        }
        return HumanText.block(out.toString());
    }

    private static void finding(StringBuilder out, LintResult r, Finding f) {
        Optional<Rule> rule = Rules.byId(f.ruleId());
        out.append(r.file()).append(':').append(f.line()).append(':').append(f.column()).append(' ')
                .append(f.severity().label()).append(' ').append(f.ruleId()).append(' ').append(f.message());
        if (!f.hadolint().isEmpty()) {
            out.append(" [").append(String.join(", ", f.hadolint())).append(']');
        }
        out.append('\n');
        source(out, r, f.line(), f.column(), f.span().endLine() == f.line() ? f.span().end().column() : -1);
        String gutter = " ".repeat(digits(f.line())) + " = ";
        if (rule.isPresent()) {
            out.append(gutter).append("why: ").append(rule.get().rationale()).append('\n');
        }
        for (RelatedLocation rel : f.related()) {
            out.append(gutter).append("see ").append(r.file()).append(':').append(rel.span().startLine()).append(':')
                    .append(rel.span().start().column()).append(": ").append(rel.message()).append('\n');
            out.append(gutter).append("    ").append(r.sourceLine(rel.span().startLine()).strip()).append('\n');
        }
        for (String d : f.details()) {
            out.append(gutter).append(d).append('\n');
        }
        if (f.fix() != null) {
            out.append(gutter).append("fix: ").append(f.fix().description()).append('\n');
        }
        out.append('\n');
    }

    /** The source line, then a caret under the start and tildes to the end column (or the end of the line). */
    private static void source(StringBuilder out, LintResult r, int line, int column, int endColumn) {
        String text = r.sourceLine(line);
        String number = Integer.toString(line);
        out.append(' ').append(number).append(" | ").append(text.replace('\t', ' ')).append('\n');
        int last = endColumn > 0 ? endColumn : Math.max(column, text.stripTrailing().length());
        out.append(' ').append(" ".repeat(number.length())).append(" | ").append(" ".repeat(Math.max(0, column - 1)))
                .append('^').append("~".repeat(Math.max(0, last - column))).append('\n');
    }

    private static int digits(int n) {
        return Integer.toString(n).length() + 1;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }
}
