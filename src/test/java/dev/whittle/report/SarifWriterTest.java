package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SarifWriterTest {

    private static final SarifWriter.Tool TOOL = new SarifWriter.Tool("whittle", "1.2.3", null);

    @Test
    void writesToolRulesResultsRegionsRelatedLocationsAndFixes() throws Exception {
        var rules = List.of(new SarifWriter.Rule("WH001", "AptRecommends", "apt without --no-install-recommends",
                "why and fix", "warning"), new SarifWriter.Rule("WH009", null, "full base", null, "note"));
        var fix = new SarifWriter.Fix("add flag", List.of(new SarifWriter.Replacement(40, 0, " --x")));
        var result = new SarifWriter.Result("WH001", "warning", "add --no-install-recommends",
                new SarifWriter.Location("Dockerfile", 3, 5, 3, 30, null),
                List.of(new SarifWriter.Location("Dockerfile", 2, 1, 2, 10, "created here")), List.of(fix));
        var noFile = new SarifWriter.Result("WH009", "note", "whole thing", null, List.of(), List.of());

        JsonNode log = new ObjectMapper().readTree(SarifWriter.write(TOOL, rules, List.of(result, noFile)));

        assertThat(log.path("version").asText()).isEqualTo("2.1.0");
        assertThat(log.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = log.path("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("whittle");
        assertThat(run.at("/tool/driver/version").asText()).isEqualTo("1.2.3");
        assertThat(run.at("/tool/driver/rules/0/id").asText()).isEqualTo("WH001");
        assertThat(run.at("/tool/driver/rules/0/help/text").asText()).isEqualTo("why and fix");
        assertThat(run.at("/tool/driver/rules/1/defaultConfiguration/level").asText()).isEqualTo("note");
        JsonNode first = run.path("results").get(0);
        assertThat(first.path("ruleIndex").asInt()).isZero();
        assertThat(first.at("/message/text").asText()).isEqualTo("add --no-install-recommends");
        JsonNode region = first.at("/locations/0/physicalLocation/region");
        assertThat(region.path("startLine").asInt()).isEqualTo(3);
        assertThat(region.path("startColumn").asInt()).isEqualTo(5);
        assertThat(region.path("endColumn").asInt()).isEqualTo(30);
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("Dockerfile");
        assertThat(first.at("/relatedLocations/0/message/text").asText()).isEqualTo("created here");
        assertThat(first.at("/fixes/0/artifactChanges/0/replacements/0/deletedRegion/charOffset").asInt())
                .isEqualTo(40);
        assertThat(first.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText())
                .isEqualTo(" --x");
        JsonNode second = run.path("results").get(1);
        assertThat(second.path("ruleIndex").asInt()).isEqualTo(1);
        assertThat(second.has("locations")).isFalse();
    }

    @Test
    void wholeFileLocationHasNoRegion() throws Exception {
        var result = new SarifWriter.Result("X", "error", "m", SarifWriter.Location.file("a/b.txt"), List.of(),
                List.of());
        JsonNode log = new ObjectMapper().readTree(SarifWriter.write(TOOL, List.of(), List.of(result)));
        JsonNode physical = log.at("/runs/0/results/0/locations/0/physicalLocation");
        assertThat(physical.at("/artifactLocation/uri").asText()).isEqualTo("a/b.txt");
        assertThat(physical.has("region")).isFalse();
        assertThat(log.at("/runs/0/results/0").has("ruleIndex")).isFalse();
    }

    @Test
    void rejectsLevelsSarifDoesNotKnow() {
        assertThatThrownBy(() -> new SarifWriter.Rule("X", null, "d", null, "info"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("info");
    }
}
