package dev.whittle.report.ci;

import dev.whittle.policy.DiveCiParser;
import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.report.SarifWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the gate as SARIF 2.1.0 through {@link SarifWriter}: one {@code error} result per failed rule and one
 * {@code note} per skipped rule, located at the line of the config file that set the rule (line 1 of the file for a
 * rule it left at dive's default; line 1 of the image, for dive's defaults with no file), with the offending paths
 * or findings in the message. With {@code --dockerfile}, a failed rule's offending items that a matched layer put in
 * the image become one result per Dockerfile line instead, at that line, the rule's config line as a related
 * location; the items no matched line accounts for stay where the rule was set. Passing rules are listed as rules
 * but report no result.
 */
public final class CiSarifRenderer {
    private static final int MAX_DETAILS = 50;

    private CiSarifRenderer() {
    }

    public static String render(Verdict v, String version) {
        Map<String, SarifWriter.Rule> rules = new LinkedHashMap<>();
        List<SarifWriter.Result> results = new ArrayList<>();
        for (RuleResult r : v.results()) {
            String id = "whittle-ci/" + r.rule();
            String description = "whittle ci rule " + r.rule() + " (" + r.limit() + ", from " + r.config() + ")";
            rules.putIfAbsent(id, new SarifWriter.Rule(id, r.rule(), description, description + ": the image must "
                    + "stay within the limit the configuration sets; the gate fails otherwise.", description
                    + ". Change the limit where the result points, or shrink the image (whittle explain).", null,
                    null, "error"));
            if (r.status() == Status.PASS) {
                continue;
            }
            boolean defaults = r.config().equals(DiveCiParser.DEFAULTS);
            int configLine = Math.max(1, r.line());
            SarifWriter.Location where = new SarifWriter.Location(defaults ? v.image() : r.config(), configLine, 0,
                    configLine, 0, null);
            String level = r.status() == Status.FAIL ? "error" : "note";
            for (Verdict.Placement p : v.placements(r)) {
                StringBuilder message = new StringBuilder(v.image()).append(": ").append(r.message())
                        .append(" (measured ").append(r.measured()).append(", limit ").append(r.limit()).append(')');
                if (p.line() != null) {
                    message.append("\ncaused by ").append(p.line().file()).append(':').append(p.line().line())
                            .append(": ").append(p.line().text());
                }
                p.details().stream().limit(MAX_DETAILS).forEach(d -> message.append("\n").append(d));
                if (p.details().size() > MAX_DETAILS) {
                    message.append("\n... and ").append(p.details().size() - MAX_DETAILS).append(" more");
                }
                if (p.line() == null) {
                    results.add(new SarifWriter.Result(id, level, message.toString(), where, List.of(), List.of()));
                } else {
                    SarifWriter.Location line = new SarifWriter.Location(p.line().file(), p.line().line(), 0,
                            p.line().line(), 0, null);
                    List<SarifWriter.Location> related = defaults ? List.of() : List.of(new SarifWriter.Location(
                            r.config(), configLine, 0, configLine, 0, "the rule, set here"));
                    results.add(new SarifWriter.Result(id, level, message.toString(), line, related, List.of()));
                }
            }
        }
        return SarifWriter.write(new SarifWriter.Tool("whittle", version, null), List.copyOf(rules.values()),
                results);
    }
}
