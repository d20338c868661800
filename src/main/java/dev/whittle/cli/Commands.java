package dev.whittle.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cl) {
        // subcommands are added here, one line each
        cl.addSubcommand(new SizeCommand());
    }
}
