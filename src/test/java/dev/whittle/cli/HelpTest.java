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
        return withSubcommands(root);
    }

    /** A command and, depth first, every subcommand under it (fleet's scan, report...), without picocli's help. */
    private static Stream<CommandLine> withSubcommands(CommandLine command) {
        return Stream.concat(Stream.of(command), command.getSubcommands().values().stream()
                .filter(c -> !c.getCommandName().equals("help")).flatMap(HelpTest::withSubcommands));
    }

    /** The arguments that name {@code command} on the command line: {@code fleet scan} for fleet's scan. */
    private static List<String> path(CommandLine command) {
        List<String> names = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
        return names.subList(1, names.size());
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
        List<String> args = new ArrayList<>(path(command));
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: whittle");
    }

    /** The summary {@code whittle --help} lists beside each command: one whole sentence on one line. */
    @ParameterizedTest
    @MethodSource("commands")
    void summaryIsOneWholeSentenceThatFitsTheCommandList(CommandLine command) {
        if (command.getCommandName().equals("whittle")) {
            return;
        }
        String summary = command.getCommandSpec().usageMessage().description()[0];
        assertThat(summary).as("summary of " + command.getCommandName()).matches("[A-Z].*\\.")
                .hasSizeLessThanOrEqualTo(80 - 16);
        List<String> parent = new ArrayList<>(path(command.getParent()));
        parent.add("--help");
        String list = CliRun.of(parent.toArray(String[]::new)).out();
        assertThat(list).as("the command list shows the whole summary")
                .containsPattern("(?m)^  " + command.getCommandName() + " +" + java.util.regex.Pattern.quote(summary)
                        + "$");
    }

    /** Every option and parameter says what it does in a sentence of its own. */
    @ParameterizedTest
    @MethodSource("commands")
    void everyOptionIsDocumentedInASentence(CommandLine command) {
        var spec = command.getCommandSpec();
        List<CommandLine.Model.ArgSpec> args = new ArrayList<>(spec.args());
        assertThat(args).allSatisfy(arg -> {
            if (arg.hidden()) {
                return;
            }
            String name = arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
            String text = String.join(" ", arg.description()).replace("${DEFAULT-VALUE}", "x");
            assertThat(text).as(command.getCommandName() + " " + name).matches("[A-Z'].*[.)]")
                    .doesNotContain("${");
        });
    }

    /** The options that mean the same on every command that prints a result. */
    @ParameterizedTest
    @MethodSource("commands")
    void commandsThatPrintAResultShareTheCommonOptions(CommandLine command) {
        String name = command.getCommandName();
        if (name.equals("whittle") || name.equals("explore") || name.equals("fleet")) {
            return; // explore prints no result: it is the full-screen browser; fleet is a group of commands
        }
        var spec = command.getCommandSpec();
        for (String option : List.of("--format", "-o", "--output", "-q", "--quiet")) {
            assertThat(spec.findOption(option)).as(name + " " + option).isNotNull();
        }
        if (!name.equals("report")) {
            assertThat(spec.findOption("--json")).as(name + " --json").isNotNull();
        }
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
