package dev.whittle.cli;

import dev.whittle.image.UsageException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code whittle fleet}: the commands over a whole registry and its database ({@code docs/fleet-schema.md}). Each
 * subcommand is its own class; this group only names them.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"Scan a whole registry into a database, and report on it.",
                "Each unique layer is analysed once across every image, shard and scan.",
                "The database is a SQLite file (--db fleet.db) or PostgreSQL",
                "(--db postgresql://user@host:5432/db)."},
        subcommands = {})
final class FleetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("fleet needs a subcommand: " + String.join(", ", spec.subcommands().keySet())
                + " (see 'whittle fleet --help')");
    }
}
