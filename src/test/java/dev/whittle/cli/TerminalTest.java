package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The width text tables fit: $COLUMNS first, then what the terminal reports, then 80. */
class TerminalTest {
    @Test
    void columnsComeFromTheVariableThenTheTerminalThenADefault() {
        assertThat(Terminal.columns("132", () -> 100)).isEqualTo(132);
        assertThat(Terminal.columns(" 60 ", () -> 100)).isEqualTo(60);
        assertThat(Terminal.columns(null, () -> 100)).isEqualTo(100);
        assertThat(Terminal.columns("wide", () -> 100)).isEqualTo(100);
        assertThat(Terminal.columns("0", () -> 100)).isEqualTo(100);
        assertThat(Terminal.columns(null, () -> 0)).isEqualTo(Terminal.DEFAULT_COLUMNS);
    }

    @Test
    void testsRunPipedSoTablesKeepWholeLines() {
        // Surefire pipes the forked JVM's stdout: the case of `whittle inspect ... | less`.
        assertThat(Terminal.stdoutColumns()).isZero();
    }
}
