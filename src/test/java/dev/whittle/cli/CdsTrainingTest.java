package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The class-data training's explore run works without a terminal: its scripted keys end with q, which quits. */
@Tag("integration")
class CdsTrainingTest {

    @Test
    void exploreRunsOnAPipedTerminalAndQuits() {
        Path before = Path.of("examples/demo-before.tar.gz");
        Assumptions.assumeTrue(Files.exists(before));
        // 1 when the session fails or q does not end it within a minute.
        assertThat(CdsTraining.explore(before.toString(), "examples/Dockerfile.before")).isZero();
    }
}
