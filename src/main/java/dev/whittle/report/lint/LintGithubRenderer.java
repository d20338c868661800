package dev.whittle.report.lint;

import dev.whittle.report.HumanText;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.Severity;

/**
 * GitHub Actions workflow commands, one per finding:
 * {@code ::warning file=Dockerfile,line=12,col=5,endLine=12,endColumn=30,title=WH001::message}.
 */
public final class LintGithubRenderer {

    private LintGithubRenderer() {
    }

    /** The whole document for {@code report}. */
    public static String render(LintReport report) {
        StringBuilder out = new StringBuilder();
        for (LintResult file : report.files()) {
            for (Finding f : file.findings()) {
                String command = f.severity() == Severity.ERROR ? "error"
                        : f.severity() == Severity.WARNING ? "warning" : "notice";
                out.append("::").append(command).append(" file=").append(property(file.file()))
                        .append(",line=").append(f.line()).append(",col=").append(f.column())
                        .append(",endLine=").append(f.span().endLine()).append(",endColumn=")
                        .append(f.span().end().column()).append(",title=").append(f.ruleId())
                        .append("::").append(data(f.ruleId() + " " + f.message())).append('\n');
            }
        }
        return HumanText.block(out.toString());
    }

    /** Escapes a message as GitHub's runner expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value: as data, plus {@code :} and {@code ,}. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
