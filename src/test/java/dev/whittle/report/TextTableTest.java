package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

    /** The definition each line is held to: cells padded to their column, two spaces between, then stripTrailing. */
    private static String definitionLine(String[] cells, int[] widths, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean last = i == cells.length - 1;
            int pad = widths[i] - cells[i].length();
            if (right[i]) {
                line.append(" ".repeat(pad)).append(cells[i]);
            } else {
                line.append(cells[i]);
                if (!last) {
                    line.append(" ".repeat(pad));
                }
            }
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing() + "\n";
    }

    @Property(tries = 300)
    void linesAreTheDefinitionsWhateverTheCellsEndWith(@ForAll("tables") List<List<String>> rows) {
        String[] headers = {"A", ">B", "C"};
        boolean[] right = {false, true, false};
        TextTable t = new TextTable(headers);
        int[] widths = {1, 1, 1};
        for (List<String> r : rows) {
            t.row(r.toArray());
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], HumanText.line(r.get(i)).length());
            }
        }
        StringBuilder want = new StringBuilder(definitionLine(new String[] {"A", "B", "C"}, widths, right));
        for (List<String> r : rows) {
            want.append(definitionLine(r.stream().map(HumanText::line).toArray(String[]::new), widths, right));
        }
        assertThat(t.render()).isEqualTo(want.toString());
    }

    @Provide
    Arbitrary<List<List<String>>> tables() {
        // spaces, a tab, an em space and a no-break space at the ends of cells: what stripTrailing does and does not drop
        Arbitrary<String> cell = Arbitraries.strings().withChars("ab \t\u2003\u00a0é").ofMaxLength(6);
        return cell.list().ofSize(3).list().ofMaxSize(6);
    }
}
