package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.ExternalTool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On a real pseudo-terminal (util-linux {@code script}) of a given width, {@code inspect}'s layer table fits it, the
 * instructions cut with an ellipsis; piped, the same table keeps whole instructions.
 */
@Tag("integration")
class TerminalWidthIntegrationTest {

    private static String whittle(String args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -cp " + System.getProperty("java.class.path") + " dev.whittle.cli.Main " + args;
    }

    @Test
    void layerTableFitsTheTerminalAndKeepsWholeLinesWhenPiped() {
        ExternalTool.assumeInstalled("script");
        ExternalTool.assumeInstalled("env");
        String inspect = "inspect examples/demo-before.tar.gz --top 0 --wasted 0 -q";
        // COLUMNS unset: the width comes from the terminal itself (stty), as in an interactive shell.
        ExternalTool.Result tty = ExternalTool.run("env", "-u", "COLUMNS", "script", "-qec",
                "stty cols 120; " + whittle(inspect), "/dev/null").requireSuccess("script");
        List<String> layers = tty.stdout().lines().map(l -> l.replace("\r", ""))
                .filter(l -> l.matches(" +\\d+ +\\S+ .*")).toList();
        assertThat(layers).hasSize(9).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(120));
        assertThat(layers).anySatisfy(l -> assertThat(l).endsWith("\u2026"));

        ExternalTool.Result piped = ExternalTool.run("sh", "-c", whittle(inspect)).requireSuccess("piped");
        assertThat(piped.stdout()).doesNotContain("\u2026").contains("build-essential");
        assertThat(piped.stdout().lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(120);
    }

    @Test
    void longPathsAreCutInTheMiddleOnATerminalAndWholeWhenPiped() {
        ExternalTool.assumeInstalled("script");
        String find = "find examples/demo-before.tar.gz '**/*.js' -q";
        ExternalTool.Result tty = ExternalTool.run("env", "-u", "COLUMNS", "script", "-qec",
                "stty cols 50; " + whittle(find), "/dev/null").requireSuccess("script");
        List<String> rows = tty.stdout().lines().map(l -> l.replace("\r", "")).filter(l -> l.contains(" /")
                || l.contains("\u2026")).toList();
        assertThat(rows).isNotEmpty().allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(50));
        // cut in the middle: the start of the path and the whole file name survive
        assertThat(rows).anySatisfy(l -> assertThat(l).contains("/usr/local/").endsWith("\u2026/c119.js"));

        ExternalTool.Result piped = ExternalTool.run("sh", "-c", whittle(find)).requireSuccess("piped");
        assertThat(piped.stdout()).doesNotContain("\u2026").contains("/usr/local/lib/node_modules/npm/lib/commands/c119.js");
    }
}
