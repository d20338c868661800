package dev.whittle.report.ci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.policy.DiveCiParser;
import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.report.JsonReport;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Renders the gate as SARIF 2.1.0: one result per rule ({@code kind} fail / pass / notApplicable), located at the
 * config file that set the rule (or the image when dive's defaults apply), for code-scanning dashboards.
 */
public final class CiSarifRenderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private CiSarifRenderer() {
    }

    public static String render(Verdict v, String version) {
        ObjectNode root = JsonReport.mapper().createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "whittle");
        driver.put("version", version);
        ArrayNode rules = driver.putArray("rules");
        Set<String> ids = new LinkedHashSet<>();
        for (RuleResult r : v.results()) {
            if (ids.add(id(r))) {
                ObjectNode rule = rules.addObject();
                rule.put("id", id(r));
                rule.put("name", r.rule());
                rule.putObject("shortDescription").put("text", "whittle ci rule " + r.rule() + " from " + r.config());
            }
        }
        ArrayNode results = run.putArray("results");
        for (RuleResult r : v.results()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", id(r));
            res.put("kind", switch (r.status()) {
                case FAIL -> "fail";
                case PASS -> "pass";
                case SKIP -> "notApplicable";
            });
            res.put("level", r.status() == Status.FAIL ? "error" : "none");
            res.putObject("message").put("text", r.message() + " (measured " + r.measured() + ", limit "
                    + r.limit() + ")");
            String uri = r.config().equals(DiveCiParser.DEFAULTS) ? v.image() : r.config();
            res.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation")
                    .put("uri", uri);
            ObjectNode props = res.putObject("properties");
            props.put("image", v.image());
            props.put("measured", r.measured());
            props.put("limit", r.limit());
            ArrayNode details = props.putArray("details");
            r.details().forEach(details::add);
        }
        try {
            return JsonReport.mapper().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write SARIF", e);
        }
    }

    private static String id(RuleResult r) {
        return "whittle-ci/" + r.rule();
    }
}
