package dev.whittle.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerOriginsTest {
    private static final String DOCKERFILE = """
            FROM debian:12 AS build
            RUN make

            FROM node:20-slim
            WORKDIR /app
            COPY package.json ./
            RUN npm ci \\
                --omit=dev
            ENV PORT=8080
            COPY --from=build /out ./bin
            CMD ["node", "server.js"]
            """;

    private static List<HistoryEntry> history(String... createdBy) {
        List<HistoryEntry> out = new ArrayList<>();
        for (String c : createdBy) {
            boolean empty = c.startsWith("!");
            out.add(new HistoryEntry(null, empty ? c.substring(1) : c, null, empty));
        }
        return out;
    }

    private static List<LayerRef> origins(List<HistoryEntry> history, int layers) {
        return match(history, layers, DOCKERFILE).layers();
    }

    private static LayerOrigins.Origins match(List<HistoryEntry> history, int layers, String dockerfile) {
        return LayerOrigins.of(history, layers, ExplainOptions.DEFAULTS.withDockerfile("Dockerfile", dockerfile));
    }

    /** The history of an image built from {@link #DOCKERFILE} by BuildKit on a two-layer node:20-slim. */
    private static List<HistoryEntry> builtHistory() {
        return history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"bash\"]",
                "/bin/sh -c apt-get update && apt-get install -y curl", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "WORKDIR /app", "COPY package.json ./ # buildkit", "RUN /bin/sh -c npm ci     --omit=dev # buildkit",
                "!ENV PORT=8080", "COPY /out ./bin # buildkit", "!CMD [\"node\" \"server.js\"]");
    }

    @Test
    void matchesTheBuiltStagesInstructionsAndGivesBaseLayersToTheBaseImageNotToALine() {
        LayerOrigins.Origins o = match(builtHistory(), 6, DOCKERFILE);
        List<LayerRef> refs = o.layers();
        assertThat(refs).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, null, 5, 6, 7, 10);
        assertThat(refs).extracting(LayerRef::base)
                .containsExactly("node:20-slim", "node:20-slim", null, null, null, null);
        assertThat(refs.get(4).dockerfile().text()).isEqualTo("RUN npm ci     --omit=dev");
        assertThat(refs.get(4).instruction()).isEqualTo("RUN npm ci     --omit=dev");
        assertThat(o.match()).isEqualTo(new DockerfileMatch("Dockerfile", 4, 4, 2, "node:20-slim", List.of(), false));
    }

    @Test
    void aDockerfileThatDidNotBuildTheImageAttachesNoLineAndIsReportedAsAPoorMatch() {
        // Same keywords in the same order as the image's own steps, different steps: no keyword-only matches.
        String other = """
                FROM python:3.12-slim
                WORKDIR /srv
                COPY requirements.txt .
                RUN pip install -r requirements.txt
                ENV PYTHONUNBUFFERED=1
                COPY src ./src
                CMD ["python", "-m", "app"]
                """;
        LayerOrigins.Origins o = match(builtHistory(), 6, other);
        assertThat(o.layers()).allMatch(r -> r.dockerfile() == null && r.base() == null);
        assertThat(o.match().poor()).isTrue();
        assertThat(o.match().matchedLayers()).isZero();
        assertThat(o.match().layers()).isEqualTo(6);
        assertThat(o.match().unmatchedLayers()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aLineEditedSinceTheBuildLeavesItsLayerUnmatchedAndTheRestMatched() {
        String edited = DOCKERFILE.replace("RUN npm ci \\\n    --omit=dev", "RUN yarn install --production");
        assertThat(edited).contains("yarn");
        LayerOrigins.Origins o = match(builtHistory(), 6, edited);
        assertThat(o.layers()).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, null, 5, 6, null, 9);
        assertThat(o.match()).isEqualTo(new DockerfileMatch("Dockerfile", 3, 4, 2, "node:20-slim", List.of(4),
                false));
    }

    @Test
    void aBaseLayerWhoseStepResemblesALineOfTheDockerfileStaysTheBases() {
        String dockerfile = """
                FROM node:20-slim
                RUN apt-get update && apt-get install -y curl
                COPY . .
                """;
        // The base ran the same apt-get line; the image's own RUN was edited to install wget.
        List<HistoryEntry> h = history("/bin/sh -c #(nop) ADD file:1 in / ",
                "/bin/sh -c apt-get update && apt-get install -y curl", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "RUN /bin/sh -c apt-get update && apt-get install -y wget # buildkit", "COPY . . # buildkit");
        LayerOrigins.Origins o = match(h, 4, dockerfile);
        assertThat(o.layers()).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, null, null, 3);
        assertThat(o.layers().get(1).base()).isEqualTo("node:20-slim");
        assertThat(o.layers().get(2).base()).isNull();
        assertThat(o.match().unmatchedLayers()).containsExactly(2);
    }

    @Test
    void aStageBuiltFromAnotherStageCountsBothStagesInstructions() {
        String dockerfile = """
                FROM alpine:3.20 AS base
                RUN apk add --no-cache nodejs
                FROM base
                COPY app.js /app/
                """;
        List<HistoryEntry> h = history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"/bin/sh\"]",
                "RUN /bin/sh -c apk add --no-cache nodejs # buildkit", "COPY app.js /app/ # buildkit");
        LayerOrigins.Origins o = match(h, 3, dockerfile);
        assertThat(o.layers()).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, 2, 4);
        assertThat(o.match()).isEqualTo(new DockerfileMatch("Dockerfile", 2, 2, 1, "alpine:3.20", List.of(), false));
    }

    @Test
    void theClassicBuilderMakesNoLayerForAWorkdirThatExists() {
        List<LayerRef> refs = origins(history("/bin/sh -c #(nop) ADD file:1 in / ",
                "/bin/sh -c #(nop) COPY file:abc in ./ ", "/bin/sh -c npm ci --omit=dev",
                "/bin/sh -c #(nop) COPY dir:def in ./bin "), 4);
        assertThat(refs).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, 6, 7, 10);
        assertThat(refs.get(0).base()).isEqualTo("node:20-slim");
    }

    @Test
    void aDockerfileThatDoesNotMatchLeavesLinesEmpty() {
        List<LayerRef> refs = origins(history("/bin/sh -c #(nop) ADD file:1 in / ", "/bin/sh -c apk add curl"), 2);
        assertThat(refs).allMatch(r -> r.dockerfile() == null);
        assertThat(refs.get(1).instruction()).isEqualTo("RUN apk add curl");
    }

    @Test
    void aLayerAfterTheBasesCmdThatNoLineMatchesIsTheStagesNotTheBases() {
        String dockerfile = """
                FROM node:20
                ENV APP_HOME=/app
                WORKDIR /app
                RUN apt-get update
                RUN apt-get install -y g++
                COPY . .
                """;
        List<HistoryEntry> h = history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "RUN /bin/sh -c apt-get update && apt-get install -y build-essential # buildkit", "WORKDIR /app",
                "COPY . . # buildkit");
        LayerOrigins.Origins o = match(h, 4, dockerfile);
        assertThat(o.layers()).extracting(LayerRef::base).containsExactly("node:20", null, null, null);
        assertThat(o.layers()).extracting(r -> r.dockerfile() == null ? null : r.dockerfile().line())
                .containsExactly(null, null, 3, 6);
        assertThat(o.match()).isEqualTo(new DockerfileMatch("Dockerfile", 2, 3, 1, "node:20", List.of(1), false));
    }

    @Test
    void aRunIsNotMatchedToALineThatIsOnlyPartOfIt() {
        String dockerfile = """
                FROM node:20
                RUN apt-get update
                """;
        List<HistoryEntry> h = history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "RUN /bin/sh -c apt-get update && apt-get install -y build-essential # buildkit");
        LayerOrigins.Origins o = match(h, 2, dockerfile);
        assertThat(o.layers().get(1).dockerfile()).isNull();
        assertThat(o.match().poor()).isTrue();
    }

    @Test
    void aHugeDockerfileIsAlignedByItsLastInstructionsWithoutBuildingAHugeTable() {
        StringBuilder dockerfile = new StringBuilder("FROM node:20\n");
        for (int k = 0; k < 5_000; k++) {
            dockerfile.append("ENV K").append(k).append("=v\n");
        }
        dockerfile.append("COPY . .\n");
        List<HistoryEntry> h = history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "COPY . . # buildkit");
        LayerOrigins.Origins o = match(h, 2, dockerfile.toString());
        assertThat(o.layers().get(1).dockerfile().line()).isEqualTo(5_002);
        assertThat(o.layers().get(0).dockerfile()).isNull();
    }
}
