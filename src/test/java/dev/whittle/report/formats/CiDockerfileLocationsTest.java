package dev.whittle.report.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle ci -f Dockerfile} on the bundled demo and the Dockerfile that built it: SARIF, GitHub annotations and
 * JUnit point each failing item at the Dockerfile line whose layer put it in the image, and only where the history
 * matched that line; the rest stays at the config line that set the rule.
 */
class CiDockerfileLocationsTest {
    private static final String DEMO = "examples/demo-before.tar.gz";
    private static final String BEFORE = "examples/Dockerfile.before";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run ci(String... args) throws Exception {
        Path config = Files.writeString(dir.resolve(".whittle.yml"),
                "ci:\n  forbid: ['**/.git', /root/.npm]\n  fail-on: high\n  max-size: 10MB\n  forbid-packages: ['gcc*']\n");
        List<String> all = new ArrayList<>(List.of("ci", "--config", config.toString(), "-q", DEMO));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static List<String> located(JsonNode results, String uri) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : results) {
            JsonNode p = r.at("/locations/0/physicalLocation");
            if (p.at("/artifactLocation/uri").asText().equals(uri)) {
                out.add(r.path("ruleId").asText() + "@" + p.at("/region/startLine").asInt());
            }
        }
        return out;
    }

    @Test
    void sarifPointsEachCauseAtTheDockerfileLineThatMadeItsLayer() throws Exception {
        Run run = ci("-f", BEFORE, "--format", "sarif");
        assertThat(run.code()).as(run.err()).isEqualTo(1);
        SarifSchema.assertValid(run.out());
        JsonNode results = new ObjectMapper().readTree(run.out()).at("/runs/0/results");
        // .git came with COPY . . (line 16), /root/.npm with RUN npm install (13), the toolchain with the apt RUN (8)
        assertThat(located(results, BEFORE)).contains("whittle-ci/forbid@16", "whittle-ci/forbid@13",
                "whittle-ci/fail-on@8", "whittle-ci/forbid-packages@8");
        for (JsonNode r : results) {
            if (r.at("/locations/0/physicalLocation/artifactLocation/uri").asText().equals(BEFORE)) {
                assertThat(r.at("/message/text").asText()).contains("caused by " + BEFORE + ":");
                assertThat(r.at("/relatedLocations/0/message/text").asText()).isEqualTo("the rule, set here");
            }
        }
        // a rule about the whole image has no line of its own: it stays where it was set
        assertThat(results.findValues("ruleId").stream().map(JsonNode::asText)).contains("whittle-ci/max-size");
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals("whittle-ci/max-size")) {
                assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith(".whittle.yml");
                assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
            }
        }
    }

    @Test
    void withoutADockerfileOrWithOneThatDidNotBuildTheImageNoLineIsInvented() throws Exception {
        JsonNode plain = new ObjectMapper().readTree(ci("--format", "sarif").out()).at("/runs/0/results");
        assertThat(located(plain, BEFORE)).isEmpty();
        Run other = ci("-f", "examples/Dockerfile.after", "--format", "sarif");
        SarifSchema.assertValid(other.out());
        JsonNode results = new ObjectMapper().readTree(other.out()).at("/runs/0/results");
        // Dockerfile.after did not build this image: .git's layer (COPY . .) matches none of its lines
        assertThat(located(results, "examples/Dockerfile.after")).doesNotContain("whittle-ci/forbid@16",
                "whittle-ci/forbid@13");
        for (JsonNode r : results) {
            String text = r.at("/message/text").asText();
            if (text.contains("/app/.git")) {
                assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith(".whittle.yml");
            }
        }
    }

    @Test
    void githubAnnotationsAndJunitNameTheDockerfileLine() throws Exception {
        Run github = ci("--dockerfile", BEFORE, "--format", "github");
        assertThat(github.out()).contains("::error file=" + BEFORE + ",line=16,title=whittle ci FAIL%3A forbid::")
                .contains("::error file=" + BEFORE + ",line=8,title=whittle ci FAIL%3A fail-on::");
        assertThat(ci("-f", BEFORE).out()).contains("/app/.git (1.41 MB, layer 6, matches **/.git)  (" + BEFORE + ":16)");
        Run junit = ci("--file", BEFORE, "--format", "junit");
        assertThat(junit.out()).contains(BEFORE + ":16: COPY . .").contains(BEFORE + ":13: RUN npm install");
    }
}
