package dev.whittle.dockerfile.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LintConfigTest {

    @Test
    void readsTheLintSectionAndToleratesOtherTopLevelKeys() {
        LintConfig c = LintConfig.parse("""
                ci:
                  max-size: 200MB
                lint:
                  ignore: [WH001, wh012]
                  severity: {WH013: warning, WH003: error}
                  failure-threshold: error
                """, ".whittle.yml");
        assertThat(c.ignore()).containsExactly("WH001", "WH012");
        assertThat(c.severity()).containsEntry("WH013", Severity.WARNING).containsEntry("WH003", Severity.ERROR);
        assertThat(c.failureThreshold()).isEqualTo(Severity.ERROR);
        assertThat(c.thresholdNone()).isFalse();
        assertThat(LintConfig.parse("lint:\n  failure-threshold: none\n", "x").thresholdNone()).isTrue();
        assertThat(LintConfig.parse("", "x")).isEqualTo(LintConfig.empty());
        assertThat(LintConfig.parse("ci: {}\n", "x")).isEqualTo(LintConfig.empty());
    }

    @Test
    void badKeysAndValuesAreUsageErrorsNamingTheKey() {
        assertThatThrownBy(() -> LintConfig.parse("lint:\n  ignored: [WH001]\n", ".whittle.yml"))
                .isInstanceOf(UsageException.class).hasMessage(".whittle.yml:2: lint.ignored: unknown key (known: "
                        + "ignore, severity, failure-threshold)");
        assertThatThrownBy(() -> LintConfig.parse("lint:\n  ignore: [WH999]\n", "c.yml"))
                .isInstanceOf(UsageException.class).hasMessageContaining("lint.ignore").hasMessageContaining("WH999");
        assertThatThrownBy(() -> LintConfig.parse("lint:\n  severity: {WH001: fatal}\n", "c.yml"))
                .isInstanceOf(UsageException.class).hasMessageContaining("lint.severity.WH001")
                .hasMessageContaining("fatal");
        assertThatThrownBy(() -> LintConfig.parse("lint:\n  failure-threshold: high\n", "c.yml"))
                .isInstanceOf(UsageException.class).hasMessageContaining("lint.failure-threshold");
        assertThatThrownBy(() -> LintConfig.parse("lint: [a]\n", "c.yml")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> LintConfig.parse("lint: {ignore: [\n", "c.yml"))
                .isInstanceOf(UsageException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void missingFileIsUnreadableInput() {
        assertThatThrownBy(() -> LintConfig.read(Path.of("/nonexistent/.whittle.yml")))
                .isInstanceOf(InputException.class).hasMessageContaining("/nonexistent/.whittle.yml");
    }
}
