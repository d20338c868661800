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
 * or findings in the message. Passing rules are listed as rules but report no result.
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
            StringBuilder message = new StringBuilder(v.image()).append(": ").append(r.message())
                    .append(" (measured ").append(r.measured()).append(", limit ").append(r.limit()).append(')');
            r.details().stream().limit(MAX_DETAILS).forEach(d -> message.append("\n").append(d));
            if (r.details().size() > MAX_DETAILS) {
                message.append("\n... and ").append(r.details().size() - MAX_DETAILS).append(" more");
            }
            boolean defaults = r.config().equals(DiveCiParser.DEFAULTS);
            String uri = defaults ? v.image() : r.config();
            int line = Math.max(1, r.line());
            results.add(new SarifWriter.Result(id, r.status() == Status.FAIL ? "error" : "note", message.toString(),
                    new SarifWriter.Location(uri, line, 0, line, 0, null), List.of(), List.of()));
        }
        return SarifWriter.write(new SarifWriter.Tool("whittle", version, null), List.copyOf(rules.values()),
                results);
    }
}
