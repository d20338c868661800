package dev.whittle.report.ci;

import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.report.Markdown;

/** Renders the gate as Markdown, for a job summary or a pull-request comment. */
public final class CiMarkdownRenderer {
    private static final int MAX_DETAILS = 20;

    private CiMarkdownRenderer() {
    }

    public static String render(Verdict v) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(v.passed() ? "✅" : "❌").append(" whittle ci: ")
                .append(Markdown.code(v.image())).append("\n\n")
                .append(Markdown.cell(CiTextRenderer.summary(v))).append("\n\n");
        out.append("| Status | Rule | Measured | Limit | Config |\n|---|---|---:|---|---|\n");
        for (RuleResult r : v.results()) {
            Markdown.row(out, icon(r.status()) + " " + r.status(), Markdown.code(r.rule()), Markdown.cell(r.measured()),
                    Markdown.cell(r.limit()), Markdown.code(r.config()));
        }
        for (RuleResult r : v.results()) {
            if (r.status() == Status.FAIL) {
                out.append("\n**").append(Markdown.cell(r.rule())).append("**: ").append(Markdown.cell(r.message()))
                        .append('\n');
                r.details().stream().limit(MAX_DETAILS)
                        .forEach(d -> out.append("- ").append(Markdown.code(d)).append('\n'));
                if (r.details().size() > MAX_DETAILS) {
                    out.append("- … and ").append(r.details().size() - MAX_DETAILS).append(" more\n");
                }
            }
        }
        return out.toString();
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASS -> "✅";
            case FAIL -> "❌";
            case SKIP -> "⏭️";
        };
    }
}
