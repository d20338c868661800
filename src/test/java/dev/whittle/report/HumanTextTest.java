package dev.whittle.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HumanTextTest {
    @Test
    void escapesEveryControlCharacterOnOneLine() {
        assertThat(HumanText.line("a\u001b]0;x\u0007b\nc\td\re\u007f\u0085\u202ef")).isEqualTo(
                "a\\x1b]0;x\\x07b\\nc\\td\\re\\x7f\\x85\\u202ef");
        assertThat(HumanText.line("/usr/share/doc/café/日本")).isEqualTo("/usr/share/doc/café/日本");
        assertThat(HumanText.line(null)).isEmpty();
    }

    @Test
    void blocksKeepTheirLinesAndTabs() {
        assertThat(HumanText.block("a\tb\n\u001b[2Jc\n")).isEqualTo("a\tb\n\\x1b[2Jc\n");
    }

    @Test
    void cutsLongValuesSayingHowMuchWasCut() {
        assertThat(HumanText.cut("x".repeat(5_000_000), 20)).isEqualTo("x".repeat(19) + "…(4999981 more characters)");
        assertThat(HumanText.cut("short", 20)).isEqualTo("short");
    }
}
