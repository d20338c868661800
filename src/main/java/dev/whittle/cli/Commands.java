package dev.whittle.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cl) {
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new LsCommand());
        cl.addSubcommand(new FindCommand());
        cl.addSubcommand(new LintCommand());
        cl.addSubcommand(new FixCommand());
        cl.addSubcommand(new DockerignoreCommand());
    }
}
