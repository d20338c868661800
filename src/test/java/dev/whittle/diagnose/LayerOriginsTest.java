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
        return LayerOrigins.of(history, layers, ExplainOptions.DEFAULTS.withDockerfile("Dockerfile", DOCKERFILE));
    }

    @Test
    void matchesTheBuiltStagesInstructionsFromTheLastLayerAndGivesBaseLayersTheFromLine() {
        List<LayerRef> refs = origins(history("/bin/sh -c #(nop) ADD file:1 in / ", "!/bin/sh -c #(nop)  CMD [\"node\"]",
                "WORKDIR /app", "COPY package.json ./ # buildkit", "RUN /bin/sh -c npm ci     --omit=dev # buildkit",
                "!ENV PORT=8080", "COPY /out ./bin # buildkit", "!CMD [\"node\" \"server.js\"]"), 5);
        assertThat(refs).extracting(r -> r.dockerfile().line()).containsExactly(4, 5, 6, 7, 10);
        assertThat(refs.get(3).dockerfile().text()).isEqualTo("RUN npm ci     --omit=dev");
        assertThat(refs.get(0).dockerfile().text()).isEqualTo("FROM node:20-slim");
        assertThat(refs.get(3).instruction()).isEqualTo("RUN npm ci     --omit=dev");
    }

    @Test
    void theClassicBuilderMakesNoLayerForAWorkdirThatExists() {
        List<LayerRef> refs = origins(history("/bin/sh -c #(nop) ADD file:1 in / ",
                "/bin/sh -c #(nop) COPY file:abc in ./ ", "/bin/sh -c npm ci --omit=dev",
                "/bin/sh -c #(nop) COPY dir:def in ./bin "), 4);
        assertThat(refs).extracting(r -> r.dockerfile().line()).containsExactly(4, 6, 7, 10);
    }

    @Test
    void aDockerfileThatDoesNotMatchLeavesLinesEmpty() {
        List<LayerRef> refs = origins(history("/bin/sh -c #(nop) ADD file:1 in / ", "/bin/sh -c apk add curl"), 2);
        assertThat(refs).allMatch(r -> r.dockerfile() == null);
        assertThat(refs.get(1).instruction()).isEqualTo("RUN apk add curl");
    }
}
