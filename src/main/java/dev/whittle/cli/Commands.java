package dev.whittle.cli;

import picocli.CommandLine;

/** The one list of subcommands. */
final class Commands {
    /** Every subcommand, in the order {@code --help} lists them. */
    private static final String[] NAMES = {"inspect", "ls", "find", "explain", "compare", "ci", "report", "explore", "packages", "size", "slim", "lint", "fix", "dockerignore", "cache", "fleet"};

    private Commands() {
    }

    /** A new instance of the named subcommand, or null when there is none by that name. */
    private static Object create(String name) {
        return switch (name) {
            case "inspect" -> new InspectCommand();
            case "ls" -> new LsCommand();
            case "find" -> new FindCommand();
            case "explain" -> new ExplainCommand();
            case "compare" -> new CompareCommand();
            case "ci" -> new CiCommand();
            case "report" -> new ReportCommand();
            case "explore" -> new ExploreCommand();
            case "packages" -> new PackagesCommand();
            case "size" -> new SizeCommand();
            case "slim" -> new SlimCommand();
            case "lint" -> new LintCommand();
            case "fix" -> new FixCommand();
            case "dockerignore" -> new DockerignoreCommand();
            case "cache" -> new CacheCommand();
            case "fleet" -> new FleetCommand();
            default -> null;
        };
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
        Object command = only == null ? null : create(only);
        if (command != null) {
            add(cl, only, command);
            return;
        }
        for (String name : NAMES) {
            add(cl, name, create(name));
        }
    }

    /** Adds one subcommand, with the help of its shared output options written for the formats it prints. */
    private static void add(CommandLine cl, String name, Object command) {
        cl.addSubcommand(command);
        OutputOptions.describe(cl.getSubcommands().get(name));
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
