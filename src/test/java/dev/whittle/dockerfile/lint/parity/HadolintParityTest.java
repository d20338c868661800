package dev.whittle.dockerfile.lint.parity;

import dev.whittle.dockerfile.lint.rules.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.LintInput;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.parity.HadolintSpecCases.Case;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whittle against hadolint's own specs for the size rules it covers: for each transcribed case, "caught" means a
 * finding of the whole linter whose {@code hadolint} list names the spec's rule. Agreement must be at least 97% per
 * rule and overall, and every disagreement must be a hadolint bug listed in docs/lint.md.
 */
class HadolintParityTest {

    private static final double REQUIRED = 0.97;

    /** The cases where Whittle knowingly disagrees with hadolint, each a hadolint bug explained in docs/lint.md. */
    private static final Map<String, String> DOCUMENTED = Map.of();

    static boolean whittleCatches(Case c) {
        String text = c.dockerfile();
        if (!startsWithFrom(text)) {
            text = "FROM debian:12\n" + text;
        }
        for (Finding f : Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", text)).findings()) {
            if (f.hadolint().contains(c.rule())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithFrom(String text) {
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            return t.regionMatches(true, 0, "FROM ", 0, 5) || t.regionMatches(true, 0, "ARG ", 0, 4);
        }
        return false;
    }

    @Test
    void agreesWithHadolintsSpecsOnTheSizeRules() throws IOException {
        List<Case> cases = HadolintSpecCases.all();
        assertThat(cases).hasSize(146);
        Map<String, int[]> perRule = new TreeMap<>();
        List<String> divergences = new ArrayList<>();
        List<Case> undocumented = new ArrayList<>();
        for (Case c : cases) {
            boolean agree = whittleCatches(c) == c.caught();
            int[] n = perRule.computeIfAbsent(c.rule(), k -> new int[2]);
            n[0] += agree ? 1 : 0;
            n[1]++;
            if (!agree) {
                divergences.add(c.dockerfile());
                if (!DOCUMENTED.containsKey(c.dockerfile())) {
                    undocumented.add(c);
                }
            }
        }
        int agreed = 0;
        StringBuilder table = new StringBuilder("hadolint parity (rule: agreed/cases):\n");
        for (Map.Entry<String, int[]> e : perRule.entrySet()) {
            agreed += e.getValue()[0];
            table.append(String.format("  %s %d/%d %.1f%%%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    100.0 * e.getValue()[0] / e.getValue()[1]));
        }
        table.append(String.format("  all %d/%d %.1f%%%n", agreed, cases.size(), 100.0 * agreed / cases.size()));
        System.out.print(table);
        assertThat(undocumented).as("disagreements with hadolint not listed as hadolint bugs\n" + table).isEmpty();
        for (Map.Entry<String, int[]> e : perRule.entrySet()) {
            assertThat((double) e.getValue()[0] / e.getValue()[1]).as(e.getKey() + "\n" + table)
                    .isGreaterThanOrEqualTo(REQUIRED);
        }
        assertThat((double) agreed / cases.size()).as("overall\n" + table).isGreaterThanOrEqualTo(REQUIRED);
        assertThat(divergences).as("every documented divergence still diverges").containsAll(DOCUMENTED.keySet());
        String doc = Files.readString(Path.of("docs/lint.md"));
        for (String d : DOCUMENTED.keySet()) {
            assertThat(doc).as("docs/lint.md lists the hadolint bug of " + d).contains(d.strip());
        }
    }
}
