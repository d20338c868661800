package dev.whittle.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whittle fleet}: a whole registry in a database. Its subcommands do the work. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Scan a whole registry into a database, each unique layer once.",
                "fleet scan fills the database (SQLite by default, PostgreSQL at scale,",
                "sharded across processes); the schema is in docs/fleet-schema.md."},
        subcommands = {FleetScanCommand.class})
final class FleetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
