package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whittle explain} end to end on the bundled demo image. */
class ExplainCommandTest {
    private static final String DEMO = "examples/demo-before.tar.gz";
    private static final String DOCKERFILE = """
            FROM node:20
            RUN apt-get update && apt-get install -y curl build-essential
            WORKDIR /app
            COPY package.json package-lock.json ./
            RUN npm install
            COPY . .
            RUN rm -rf /var/lib/apt/lists/*
            RUN npm run build
            EXPOSE 8080
            CMD ["node", "dist/server.js"]
            """;

    @TempDir
    Path dir;

    @Test
    void textStartsWithOneSummaryThenTheFindingsWithTheirDockerfileLines() throws Exception {
        Path df = Files.writeString(dir.resolve("Dockerfile"), DOCKERFILE);
        CliRun run = CliRun.of("explain", "--dockerfile", df.toString(), DEMO);
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo(DEMO);
        assertThat(lines[1]).matches("42\\.7 MB, about [0-9.]+ MB after the fixes below \\(.*\\)");
        assertThat(lines[2]).isEqualTo("Top causes:");
        assertThat(run.out()).contains("in layer 2: RUN apt-get update && apt-get install -y curl build-essential  ("
                + df + ":2)").contains("hidden by layer 7: RUN rm -rf /var/lib/apt/lists/*  (" + df + ":7)")
                .contains("in layer 5: RUN npm install  (" + df + ":5)");
        assertThat(run.out()).contains("Dockerfile: " + df + " matched 7 of 7 layers; layers 0-1 come from the base"
                + " image node:20\n");
        CliRun json = CliRun.of("explain", "--json", "--dockerfile", df.toString(), DEMO);
        JsonNode match = new ObjectMapper().readTree(json.out()).get("dockerfileMatch");
        assertThat(match.get("matchedLayers").asInt()).isEqualTo(7);
        assertThat(match.get("layers").asInt()).isEqualTo(7);
        assertThat(match.get("baseLayers").asInt()).isEqualTo(2);
        assertThat(match.get("baseImage").asText()).isEqualTo("node:20");
        assertThat(match.get("poor").asBoolean()).isFalse();
    }

    @Test
    void theBundledDockerfileMatchesEveryLayerOfTheBundledImageItBuilt() throws Exception {
        // README's explain command: the example Dockerfile and the demo image are generated from one text
        CliRun run = CliRun.of("explain", "--dockerfile", "examples/Dockerfile.before", DEMO);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Dockerfile: examples/Dockerfile.before matched 7 of 7 layers; layers 0-1 come"
                + " from the base image node:20\n").doesNotContain("Warning:").doesNotContain("no line matches");
        JsonNode match = new ObjectMapper().readTree(CliRun.of("explain", "--json", "--dockerfile",
                "examples/Dockerfile.before", DEMO).out()).get("dockerfileMatch");
        assertThat(match.get("matchedLayers").asInt()).isEqualTo(match.get("layers").asInt()).isEqualTo(7);
        assertThat(match.get("unmatchedLayers")).isEmpty();
    }

    @Test
    void aDockerfileThatDidNotBuildTheImageIsReportedAndNamesNoLine() throws Exception {
        CliRun run = CliRun.of("explain", "--json", "--dockerfile", "examples/Dockerfile.after", DEMO);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.at("/dockerfileMatch/poor").asBoolean()).isTrue();
        assertThat(root.at("/dockerfileMatch/layers").asInt()).isEqualTo(9);
        for (JsonNode e : root.findValues("evidence")) {
            for (JsonNode part : e) {
                JsonNode line = part.at("/layer/dockerfile");
                if (!line.isNull()) {
                    // Only a layer whose recorded instruction is that line's text may carry it.
                    assertThat(line.get("text").asText()).isEqualTo(part.at("/layer/instruction").asText());
                }
            }
        }
        CliRun text = CliRun.of("explain", "--dockerfile", "examples/Dockerfile.after", DEMO);
        assertThat(text.out()).contains("Warning: examples/Dockerfile.after matched ")
                .contains("Is it the Dockerfile this image was built from?");
    }

    @Test
    void jsonAndMarkdownCarryTheSameFindings() throws Exception {
        CliRun json = CliRun.of("explain", "--json", DEMO);
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("kind").asText()).isEqualTo("explain");
        long content = root.at("/summary/contentBytes").asLong();
        assertThat(content).isGreaterThan(40_000_000L);
        assertThat(root.at("/summary/projectedBytes").asLong())
                .isEqualTo(content - root.at("/summary/savedBytes").asLong());
        CliRun md = CliRun.of("explain", "--format", "markdown", DEMO);
        assertThat(md.exitCode()).isZero();
        for (JsonNode f : root.get("findings")) {
            assertThat(md.out()).contains("<b>" + f.get("id").asText() + "</b>");
        }
        assertThat(md.out()).startsWith("### Whittle: `" + DEMO + "`");
    }

    @Test
    void aMissingDockerfileIsAUsageError() {
        CliRun run = CliRun.of("explain", "--dockerfile", dir.resolve("nope").toString(), DEMO);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--dockerfile: cannot read " + dir.resolve("nope"));
    }
}
