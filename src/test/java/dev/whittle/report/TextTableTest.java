package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void alignsColumnsAndRightAlignsNumbers() {
        String out = new TextTable("#", ">SIZE", "CREATED BY").row(0, "1.2 MB", "FROM x").row(10, "12 B", "RUN y").render();
        assertThat(out).isEqualTo("""
                #     SIZE  CREATED BY
                0   1.2 MB  FROM x
                10    12 B  RUN y
                """);
    }
}
