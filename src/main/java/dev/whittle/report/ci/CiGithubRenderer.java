package dev.whittle.report.ci;

import dev.whittle.policy.DiveCiParser;
import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;

/**
 * Renders the gate as GitHub Actions workflow commands: an {@code ::error} annotation per failed rule (pointing at
 * the file and line of the config that set it; with {@code --dockerfile}, one per Dockerfile line whose layer put
 * offending items in the image, at that line), a {@code ::notice} per rule that could not be checked, then the text
 * report for the log.
 */
public final class CiGithubRenderer {
    private CiGithubRenderer() {
    }

    public static String render(Verdict v) {
        StringBuilder out = new StringBuilder();
        for (RuleResult r : v.results()) {
            if (r.status() == Status.PASS || r.limit().equals("disabled")) {
                continue; // a switched-off rule is a choice, not news
            }
            String command = r.status() == Status.FAIL ? "error" : "notice";
            for (Verdict.Placement p : v.placements(r)) {
                StringBuilder text = new StringBuilder(r.message()).append(" (measured ").append(r.measured())
                        .append(", limit ").append(r.limit()).append(')');
                p.details().stream().limit(50).forEach(d -> text.append('\n').append(d));
                out.append("::").append(command).append(' ');
                if (p.line() != null) {
                    out.append("file=").append(property(p.line().file())).append(',');
                    out.append("line=").append(p.line().line()).append(',');
                } else if (!r.config().equals(DiveCiParser.DEFAULTS)) {
                    out.append("file=").append(property(r.config())).append(',');
                    out.append("line=").append(Math.max(1, r.line())).append(',');
                }
                out.append("title=").append(property("whittle ci " + r.status() + ": " + r.rule())).append("::")
                        .append(data(text.toString())).append('\n');
            }
        }
        out.append(CiTextRenderer.render(v));
        return dev.whittle.report.HumanText.block(out.toString());
    }

    /** Escapes a command's message as the runner expects. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value (also {@code :} and {@code ,}). */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
