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
