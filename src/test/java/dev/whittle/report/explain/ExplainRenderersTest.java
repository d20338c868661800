package dev.whittle.report.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.diagnose.Cause;
import dev.whittle.diagnose.Evidence;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.diagnose.LayerRef;
import dev.whittle.diagnose.PathGroup;
import dev.whittle.diagnose.Severity;
import dev.whittle.diagnose.Summary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finding spread over many layers reads as its largest parts and one line for the rest. */
class ExplainRenderersTest {

    @Test
    void textShowsTheLargestPartsAndSumsTheRestInOneLine() {
        String text = ExplainTextRenderer.render(explanation(10));
        for (int layer = 1; layer <= ExplainWords.MAX_PARTS; layer++) {
            assertThat(text).contains("   in layer " + layer + ": RUN step " + layer + "\n");
        }
        assertThat(text).doesNotContain("in layer " + (ExplainWords.MAX_PARTS + 1) + ":")
                // parts 7-10: 4 x 1,000 bytes in 4 x 2 files
                .contains("   ... and 4 more layer pairs: 4.00 kB in 8 files\n   fix: ");
    }

    @Test
    void markdownShowsTheSameParts() {
        String md = ExplainMarkdownRenderer.render(explanation(10));
        assertThat(md).contains("- in layer " + ExplainWords.MAX_PARTS + " `RUN step " + ExplainWords.MAX_PARTS + "`")
                .doesNotContain("- in layer " + (ExplainWords.MAX_PARTS + 1) + " ")
                .contains("- ... and 4 more layer pairs: 4.00 kB in 8 files\n\n**Fix:**");
    }

    @Test
    void noSummaryLineWhenEveryPartIsShown() {
        assertThat(ExplainTextRenderer.render(explanation(ExplainWords.MAX_PARTS))).doesNotContain("... and");
        assertThat(ExplainTextRenderer.render(explanation(ExplainWords.MAX_PARTS + 1)))
                .contains("... and 1 more layer pair: 1.00 kB in 2 files");
    }

    /** A finding with {@code parts} evidence parts, largest first: layer k's part holds 1,000 * (1 + parts - k). */
    private static Explanation explanation(int parts) {
        LayerRef hider = new LayerRef(parts + 1, "RUN rm -rf /tmp/*", null);
        List<Evidence> evidence = new ArrayList<>();
        long total = 0;
        for (int k = 1; k <= parts; k++) {
            long bytes = k > ExplainWords.MAX_PARTS ? 1_000 : 1_000L * (1 + parts - k);
            total += bytes;
            evidence.add(new Evidence(new LayerRef(k, "RUN step " + k, null), null, hider, bytes, 2,
                    List.of(new PathGroup("/tmp/s" + k + "/", bytes, 2, null)), 0, 0));
        }
        Finding f = new Finding("WX002", "smaller pairs", Severity.LOW, total, 2L * parts, evidence, "Fix it.",
                List.of());
        Summary s = new Summary(10 * total, total, 9 * total, 1, List.of(new Cause("WX002", f.title(), total)));
        return new Explanation("app.tar", null, null, null, s, List.of(f), List.of());
    }
}
