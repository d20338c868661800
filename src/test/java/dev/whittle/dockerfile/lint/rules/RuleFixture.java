package dev.whittle.dockerfile.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.LintInput;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.Rule;
import dev.whittle.dockerfile.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;

/** Runs one rule over Dockerfile text, like hadolint's ruleCatches / ruleCatchesNot, and applies its fixes. */
final class RuleFixture {

    private RuleFixture() {
    }

    static List<Finding> findings(Rule rule, String dockerfile) {
        return findings(rule, LintInput.ofText("Dockerfile", dockerfile));
    }

    static List<Finding> findings(Rule rule, LintInput input) {
        assertThat(Dockerfile.parse(input.text()).errors()).as("test input parses").isEmpty();
        List<Finding> out = new ArrayList<>();
        for (Finding f : new Linter(LintConfig.empty(), List.of(rule)).lint(input).findings()) {
            if (f.ruleId().equals(rule.id())) {
                out.add(f);
            }
        }
        return out;
    }

    static Finding only(Rule rule, String dockerfile) {
        List<Finding> found = findings(rule, dockerfile);
        assertThat(found).as("findings of " + rule.id()).hasSize(1);
        return found.get(0);
    }

    static void catches(Rule rule, String dockerfile) {
        assertThat(findings(rule, dockerfile)).as(rule.id() + " catches").isNotEmpty();
    }

    static void catchesNot(Rule rule, String dockerfile) {
        assertThat(findings(rule, dockerfile)).as(rule.id() + " does not catch").isEmpty();
    }

    /** Applies every fix of the rule's findings and returns the new text, checking it re-parses and is clean. */
    static String applyFixes(Rule rule, String dockerfile) {
        List<TextEdit> edits = new ArrayList<>();
        List<Finding> found = findings(rule, dockerfile);
        assertThat(found).as("findings to fix").isNotEmpty();
        for (Finding f : found) {
            assertThat(f.fix()).as("fix of " + f).isNotNull();
            edits.addAll(f.fix().edits());
        }
        String fixed = Fix.apply(dockerfile, edits);
        assertThat(Dockerfile.parse(fixed).errors()).as("fixed text parses").isEmpty();
        assertThat(findings(rule, fixed)).as("fixed text no longer triggers " + rule.id()).isEmpty();
        return fixed;
    }
}
