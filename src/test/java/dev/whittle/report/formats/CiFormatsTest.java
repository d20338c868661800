package dev.whittle.report.formats;

import dev.whittle.dockerfile.lint.rules.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.LintInput;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.policy.DiveCiParser;
import dev.whittle.policy.Policy;
import dev.whittle.policy.RuleResult;
import dev.whittle.policy.Status;
import dev.whittle.policy.Verdict;
import dev.whittle.policy.WhittlePolicyParser;
import dev.whittle.report.ci.CiGithubRenderer;
import dev.whittle.report.ci.CiJunitRenderer;
import dev.whittle.report.ci.CiSarifRenderer;
import dev.whittle.report.lint.LintJUnitRenderer;
import dev.whittle.report.lint.LintSarifRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SARIF, JUnit and GitHub output of lint and ci, read as their consumers read them. */
class CiFormatsTest {

    private static final String WHITTLE_YML = "# gate\nlint:\n  ignore: [WH012]\nci:\n  max-size: 20MB\n"
            + "  forbid:\n    - '**/.git'\n  max-layers: 3\n";

    private static Verdict verdict() {
        Policy whittle = WhittlePolicyParser.parse(WHITTLE_YML, ".whittle.yml").orElseThrow();
        Policy dive = DiveCiParser.parse("rules:\n  lowestEfficiency: 0.95\n", ".dive-ci");
        return Verdict.of("docker-archive:build/app image.tar", List.of(
                fail("max-size", ".whittle.yml").atLine(whittle.lineOf("max-size")),
                fail("forbid", ".whittle.yml").atLine(whittle.lineOf("forbid")),
                RuleResult.of("max-layers", ".whittle.yml", Status.SKIP, "unknown", "<= 3", null, 3.0,
                        "layer count unknown").atLine(whittle.lineOf("max-layers")),
                fail("lowestEfficiency", ".dive-ci").atLine(dive.lineOf("lowestEfficiency")),
                fail("highestUserWastedPercent", ".dive-ci").atLine(dive.lineOf("highestUserWastedPercent")),
                fail("highestWastedBytes", DiveCiParser.DEFAULTS)), List.of(".whittle.yml", ".dive-ci"));
    }

    private static RuleResult fail(String rule, String config) {
        return new RuleResult(rule, config, Status.FAIL, "42 MB", "<= 20 MB", 42.0, 20.0, rule + " over its limit",
                List.of("/app/.git"));
    }

    @Test
    void thePolicyLoaderKeepsTheLineOfEachRule() {
        Policy whittle = WhittlePolicyParser.parse(WHITTLE_YML, ".whittle.yml").orElseThrow();
        assertThat(whittle.lineOf("max-size")).isEqualTo(5);
        assertThat(whittle.lineOf("forbid")).isEqualTo(6);
        assertThat(whittle.lineOf("max-layers")).isEqualTo(8);
        Policy dive = DiveCiParser.parse("# dive\nrules:\n  highestWastedBytes: disabled\n  lowestEfficiency: 0.9\n",
                ".dive-ci");
        assertThat(dive.lineOf("lowestEfficiency")).isEqualTo(4);
        assertThat(dive.lineOf("highestWastedBytes")).isEqualTo(3);
        assertThat(dive.lineOf("highestUserWastedPercent")).isZero();
        assertThat(DiveCiParser.parse("lowest-efficiency-threshold: 0.9\n", ".dive-ci").lineOf("lowestEfficiency")).isEqualTo(1);
    }

    @Test
    void ciSarifResultsPointAtTheLineThatSetTheRule() throws Exception {
        JsonNode run = new ObjectMapper().readTree(CiSarifRenderer.render(verdict(), "1.0")).at("/runs/0");
        JsonNode results = run.path("results");
        assertThat(results).hasSize(6);
        for (JsonNode r : results) {
            assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).as(r.toString()).isPositive();
        }
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(5);
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo(".whittle.yml");
        assertThat(results.get(0).at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText())
                .isEqualTo("%SRCROOT%");
        assertThat(results.get(1).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(6);
        assertThat(results.get(3).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
        // a rule the .dive-ci left at its default: the file's first line
        assertThat(results.get(4).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        // dive's defaults with no file: the image, its reference percent-encoded
        assertThat(results.get(5).at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("docker-archive%3Abuild/app%20image.tar");
        for (JsonNode rule : run.at("/tool/driver/rules")) {
            // no page documents a gate rule on its own: the help travels in the log, and no address is made up
            assertThat(rule.has("helpUri")).as(rule.toString()).isFalse();
            assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
            assertThat(rule.at("/help/text").asText()).isNotBlank();
        }
        SarifSchema.assertValid(CiSarifRenderer.render(verdict(), "1.0"));
    }

    @Test
    void theSchemaCheckRejectsWhatConsumersWouldReject() {
        String bad = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"w\"}},\"results\":"
                + "[{\"message\":{\"text\":\"m\"},\"level\":\"fatal\",\"locations\":[{\"physicalLocation\":"
                + "{\"region\":{\"startLine\":0}}}]}]}]}";
        assertThat(SarifSchema.problems(bad)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void ciGithubAnnotationsCarryFileAndLine() {
        String out = CiGithubRenderer.render(verdict());
        assertThat(out).contains("::error file=.whittle.yml,line=5,title=").contains("::error file=.dive-ci,line=2,");
    }

    @Test
    void ciJunitReportsSkippedRulesAsSkippedAndClassNamesWithoutDots() {
        String xml = CiJunitRenderer.render(verdict());
        assertThat(xml).containsPattern("<testcase name=\"max-layers\" classname=\"_whittle_yml\" time=\"0\">"
                + "<skipped message=\"layer count unknown\"/></testcase>");
        assertThat(xml).contains("skipped=\"1\"").doesNotContain("classname=\".whittle.yml\"");
        assertThat(xml).containsPattern("<testsuite name=\"[^\"]*\" tests=\"6\" failures=\"5\"");
    }

    @Test
    void lintJunitHasOneCasePerRulePerFileSkippedRulesAndNoDotsInClassNames() {
        LintConfig config = Rules.parseConfig("lint:\n  ignore: [WH012]\n", ".whittle.yml");
        Linter linter = Rules.linter(config);
        LintReport report = new LintReport(List.of(
                linter.lint(LintInput.ofText("Dockerfile.prod", "FROM debian:12\nRUN apt-get install -y curl\n")),
                linter.lint(LintInput.ofText("web/Dockerfile", "# whittle global ignore=WH001\nFROM debian:12\n"
                        + "RUN apt-get install -y curl\n"))), Severity.WARNING);
        String xml = LintJUnitRenderer.render(report);
        assertThat(xml).doesNotContainPattern("classname=\"[^\"]*\\.[^\"]*\"");
        assertThat(xml).contains("classname=\"lint/Dockerfile_prod\"", "classname=\"lint/web/Dockerfile\"");
        int rules = dev.whittle.dockerfile.lint.rules.Rules.all().size() + 1;
        assertThat(xml.split("<testcase ", -1)).hasSize(2 * rules + 1);
        assertThat(xml).containsPattern("<testcase name=\"WH012 SplitRuns\" classname=\"lint/Dockerfile_prod\" "
                + "time=\"0\"><skipped");
        assertThat(xml).containsPattern("<testcase name=\"WH001 AptRecommends\" classname=\"lint/web/Dockerfile\" "
                + "time=\"0\"><skipped");
        assertThat(xml).containsPattern("<testcase name=\"WH001 AptRecommends\" classname=\"lint/Dockerfile_prod\" "
                + "time=\"0\"><failure");
    }

    @Test
    void lintSarifIsValidWithRegionsEncodedRelativeUrisAndRuleHelp() throws Exception {
        Linter linter = Rules.linter(LintConfig.empty());
        String text = "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n"
                + "FROM scratch AS broken\nRUN <<EOF\n";
        String absolute = java.nio.file.Path.of("docker files", "Dockerfile #1").toAbsolutePath().toString();
        LintReport report = new LintReport(List.of(linter.lint(LintInput.ofText("docker files/Dockerfile #1", text)),
                linter.lint(LintInput.ofText(absolute, text)),
                linter.lint(LintInput.ofText("/elsewhere/Dockerfile", text))), Severity.WARNING);
        String sarif = LintSarifRenderer.render(report, "1.0");
        SarifSchema.assertValid(sarif);
        JsonNode run = new ObjectMapper().readTree(sarif).at("/runs/0");
        assertThat(run.path("results").size()).isGreaterThanOrEqualTo(6);
        for (JsonNode r : run.path("results")) {
            assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).as(r.toString()).isPositive();
            assertThat(r.at("/locations/0/physicalLocation/region/startColumn").asInt()).as(r.toString()).isPositive();
        }
        assertThat(run.path("results")).extracting(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri")
                .asText()).contains("docker%20files/Dockerfile%20%231", "file:///elsewhere/Dockerfile")
                .doesNotContain(absolute);
        for (JsonNode rule : run.at("/tool/driver/rules")) {
            assertThat(rule.at("/fullDescription/text").asText()).isNotBlank();
        }
    }

    @Test
    void lintSarifLinksOnlyToPagesThatExistAndShipsEachRulesOwnDocumentation() throws Exception {
        String sarif = LintSarifRenderer.render(new LintReport(List.of(), Severity.WARNING), "1.0");
        SarifSchema.assertValid(sarif);
        JsonNode rules = new ObjectMapper().readTree(sarif).at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(Rules.all().size() + 1);
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        for (JsonNode rule : rules) {
            byId.put(rule.path("id").asText(), rule);
            String id = rule.path("id").asText();
            String page = java.nio.file.Files.readString(java.nio.file.Path.of("docs/rules", id + ".md"));
            // the help is the repository's page for the rule, as Markdown and as text
            assertThat(rule.at("/help/markdown").asText()).isEqualTo(page);
            assertThat(rule.at("/help/text").asText()).startsWith(id + " ").doesNotContain("`").doesNotContain("## ");
            // hadolint's wiki has a page per DL rule; Whittle publishes none, so its own rules carry no link
            if (rule.has("helpUri")) {
                assertThat(rule.path("helpUri").asText()).matches("https://github\\.com/hadolint/hadolint/wiki/DL\\d{4}");
            }
        }
        assertThat(byId.get("WH002").path("helpUri").asText()).isEqualTo("https://github.com/hadolint/hadolint/wiki/DL3009");
        assertThat(byId.get("WH003").has("helpUri")).isFalse();
        assertThat(byId.get("WH007").path("helpUri").asText()).endsWith("/DL3032");
    }
}
