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

    @Test
    void aWidthCutsTheLastColumnWithAnEllipsisSoEveryLineFits() {
        TextTable t = new TextTable("#", ">SIZE", "CREATED BY")
                .row(0, "1.2 MB", "RUN apt-get update && apt-get install -y build-essential curl git")
                .row(1, "12 B", "COPY . .");
        String out = t.render(40);
        assertThat(out).isEqualTo("""
                #    SIZE  CREATED BY
                0  1.2 MB  RUN apt-get update && apt-ge\u2026
                1    12 B  COPY . .
                """);
        assertThat(out.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(40));
        assertThat(t.render(0)).as("no width: whole lines").contains("build-essential curl git");
        assertThat(t.render(200)).isEqualTo(t.render());
    }

    @Test
    void aWidthNarrowerThanTheOtherColumnsStillKeepsSomeOfTheLast() {
        String out = new TextTable(">SIZE", "CREATED BY").row("1.2 MB", "RUN apt-get install -y curl").render(5);
        assertThat(out.lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("1.2 MB  RUN apt-get\u2026".substring(0, 8 + TextTable.MIN_LAST_COLUMN - 1) + "\u2026");
    }
}
