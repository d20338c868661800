package dev.whittle.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryTest {
    @Test
    void cleansClassicAndBuildKitCreatedBy() {
        assertThat(History.instruction("/bin/sh -c #(nop)  CMD [\"sh\"]")).isEqualTo("CMD [\"sh\"]");
        assertThat(History.instruction("/bin/sh -c #(nop) ADD file:4fe in / ")).isEqualTo("ADD file:4fe in /");
        assertThat(History.instruction("/bin/sh -c apt-get update && rm -rf /var/lib/apt/lists/*"))
                .isEqualTo("RUN apt-get update && rm -rf /var/lib/apt/lists/*");
        assertThat(History.instruction("|2 A=1 B=2 /bin/sh -c make")).isEqualTo("RUN make");
        assertThat(History.instruction("RUN /bin/sh -c npm ci # buildkit")).isEqualTo("RUN npm ci");
        assertThat(History.instruction("RUN |1 V=3 /bin/sh -c echo $V # buildkit")).isEqualTo("RUN echo $V");
        assertThat(History.instruction("COPY . . # buildkit")).isEqualTo("COPY . .");
        assertThat(History.instruction("WORKDIR /app")).isEqualTo("WORKDIR /app");
        assertThat(History.instruction("CMD [\"node\" \"server.js\"]")).isEqualTo("CMD [\"node\" \"server.js\"]");
        assertThat(History.instruction(null)).isEqualTo("unknown");
        assertThat(History.instruction("  ")).isEqualTo("unknown");
    }
}
