package dev.whittle.cli;

import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.ExistingDatabase;
import dev.whittle.fleet.query.FleetDiff;
import dev.whittle.fleet.query.FleetDiffer;
import dev.whittle.fleet.query.FleetQueries;
import dev.whittle.fleet.query.ScanRef;
import dev.whittle.fleet.query.Scans;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import dev.whittle.report.fleet.FleetCsvWriter;
import dev.whittle.report.fleet.FleetDiffTextRenderer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle fleet diff [OLD NEW]}: what changed in the fleet between two scans. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two fleet scans: images added, removed, grown, shrunk.",
                "Tags are matched by repository, tag and platform; a tag whose image changed",
                "grew or shrank by the bytes shown. Also the totals side by side and the layers",
                "new in the newer scan. Without scan ids, the two latest finished scans."},
        footer = {"", "Examples:", "  whittle fleet diff --db fleet.db",
                "  whittle fleet diff --db fleet.db weekly-2026-48 weekly-2026-49 --json"})
final class FleetDiffCommand implements Callable<Integer> {

    @Parameters(arity = "0..2", paramLabel = "SCAN",
            description = "The older and the newer scan's ids (default: the two latest finished).")
    List<String> scans = new ArrayList<>();

    @Option(names = "--db", paramLabel = "DB", defaultValue = "fleet.db",
            description = "The fleet database: a SQLite file or a postgresql:// URL (default: ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "How many rows each text list and the largest new layers show (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.CSV);

    @Override
    public Integer call() {
        Format format = output.format();
        if (scans.size() == 1) {
            throw new UsageException("fleet diff takes two scan ids (older, newer) or none, got one: " + scans.get(0));
        }
        if (top < 1) {
            throw new UsageException("--top must be 1 or more, got " + top);
        }
        FleetDiff diff;
        try (FleetDatabase database = ExistingDatabase.open(db)) {
            try {
                FleetQueries queries = new FleetQueries(database.connection());
                List<ScanRef> pair = new Scans(queries, database.location().display())
                        .pair(scans.isEmpty() ? null : scans.get(0), scans.isEmpty() ? null : scans.get(1));
                diff = FleetDiffer.diff(queries, pair.get(0), pair.get(1), top);
            } catch (SQLException e) {
                throw ExistingDatabase.readFailure(database, e);
            }
        }
        switch (format) {
            case JSON -> output.print(w -> JsonReport.write(w, "fleet-diff", diff));
            case CSV -> output.print(w -> FleetCsvWriter.diff(diff, w));
            default -> output.print(FleetDiffTextRenderer.render(diff, top, output.width()));
        }
        return 0;
    }
}
