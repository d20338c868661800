package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExploreCommandTest {

    @Test
    void withoutATerminalItExitsTwoNamingTheCommandsThatWork() {
        // Under the test runner stdin and stdout are pipes, as in CI.
        CliRun run = CliRun.of("explore", "examples/demo-before.tar.gz");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("whittle: explore needs a terminal; in pipes and CI use "
                + "'whittle inspect', 'whittle ls' or 'whittle report'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void helpListsTheKeys() {
        CliRun run = CliRun.of("explore", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Ctrl+Space").contains("Ctrl+L / Ctrl+A").contains("Ctrl+M Ctrl+U")
                .contains("/ or Ctrl+F").contains("q or Ctrl+C").contains("NO_COLOR");
    }
}
