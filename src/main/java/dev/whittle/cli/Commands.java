package dev.whittle.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {
    private Commands() {
    }

    static void register(CommandLine cl) {
        register(cl, null);
    }

    /**
     * Registers the subcommand called {@code only} when there is one by that name, else all of them: picocli reads
     * each command's annotations when it is added, and a short command such as {@code lint} should not pay for the
     * others at start-up.
     */
    static void register(CommandLine cl, String only) {
        if (only != null) {
            switch (only) {
                case "inspect" -> cl.addSubcommand(new InspectCommand());
                case "ls" -> cl.addSubcommand(new LsCommand());
                case "find" -> cl.addSubcommand(new FindCommand());
                case "lint" -> cl.addSubcommand(new LintCommand());
                default -> {
                    registerAll(cl);
                }
            }
            return;
        }
        registerAll(cl);
    }

    private static void registerAll(CommandLine cl) {
        cl.addSubcommand(new InspectCommand());
        cl.addSubcommand(new LsCommand());
        cl.addSubcommand(new FindCommand());
        cl.addSubcommand(new LintCommand());
    }

    /** The first argument that is not an option: the subcommand's name if the user gave one, else null. */
    static String subcommandOf(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }
}
