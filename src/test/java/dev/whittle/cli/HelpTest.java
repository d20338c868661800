package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Every command's --help reads well on an 80-column terminal: picocli breaks a description or footer line that is
 * too long at column 80 and continues it at column 0, in the middle of an aligned example.
 */
class HelpTest {

    static Stream<CommandLine> commands() {
        CommandLine root = Main.newCommandLine();
        return Stream.concat(Stream.of(root), root.getSubcommands().values().stream()
                .filter(c -> !c.getCommandName().equals("help")));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void descriptionAndFooterLinesFitEightyColumns(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        List<String> lines = new ArrayList<>();
        lines.addAll(List.of(usage.description()));
        lines.addAll(List.of(usage.footer()));
        lines.addAll(List.of(usage.header()));
        assertThat(lines).allSatisfy(line -> assertThat(String.format(line).length()).as(line)
                .isLessThanOrEqualTo(usage.width()));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpPrintsUsage(CommandLine command) {
        String name = command.getCommandName();
        CliRun run = name.equals("whittle") ? CliRun.of("--help") : CliRun.of(name, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: whittle");
    }

    @Test
    void versionPrintsTheVersionAlone() {
        for (String flag : new String[] {"--version", "-V"}) {
            CliRun run = CliRun.of(flag);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).matches("whittle \\S+\\R");
            assertThat(run.err()).isEmpty();
        }
    }
}
