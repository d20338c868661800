package dev.whittle.cli;

import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.ExistingDatabase;
import dev.whittle.fleet.query.FleetQueries;
import dev.whittle.fleet.query.FleetReport;
import dev.whittle.fleet.query.FleetReporter;
import dev.whittle.fleet.query.ScanRef;
import dev.whittle.fleet.query.Scans;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import dev.whittle.report.fleet.FleetCsvWriter;
import dev.whittle.report.fleet.FleetHtmlRenderer;
import dev.whittle.report.fleet.FleetTextRenderer;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code whittle fleet report}: what a finished scan found across the whole registry. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report on a fleet scan: totals, largest images, bases, findings.",
                "Totals: images, unique layers, bytes stored (each layer once) against what",
                "storing every image's layers separately would take, pull sizes and the deploy",
                "tax at --instances N. Then the largest and most wasteful images, the base",
                "images in use (stale first: a newer version or build of the same base is also",
                "in the fleet), the layers shared most, and the findings that would save the",
                "most bytes. Reads the latest finished scan unless --scan names one.",
                "CSV lists every image, one row each."},
        footer = {"", "Examples:", "  whittle fleet report --db fleet.db",
                "  whittle fleet report --db postgresql://whittle@db:5432/fleet --instances 40",
                "  whittle fleet report --format html -o fleet.html",
                "  whittle fleet report --format csv -o images.csv"})
final class FleetReportCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "DB", defaultValue = "fleet.db",
            description = "The fleet database: a SQLite file or a postgresql:// URL (default: ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--scan", paramLabel = "ID", description = "Report on this scan (default: the latest finished).")
    String scan;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many images and layers each ranked list shows (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "Machines each image is deployed on, for the deploy tax (default: ${DEFAULT-VALUE}).")
    int instances;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.CSV, Format.HTML);

    @Override
    public Integer call() {
        Format format = output.format();
        if (top < 1) {
            throw new UsageException("--top must be 1 or more, got " + top);
        }
        if (instances < 1) {
            throw new UsageException("--instances must be at least 1, got " + instances);
        }
        FleetReport report;
        try (FleetDatabase database = ExistingDatabase.open(db)) {
            try {
                FleetQueries queries = new FleetQueries(database.connection());
                ScanRef chosen = new Scans(queries, database.location().display()).pick(scan);
                report = FleetReporter.report(queries, chosen, top, instances);
            } catch (SQLException e) {
                throw ExistingDatabase.readFailure(database, e);
            }
        }
        switch (format) {
            case JSON -> output.print(w -> JsonReport.write(w, "fleet-report", report));
            case CSV -> output.print(w -> FleetCsvWriter.report(report, w));
            case HTML -> output.print(FleetHtmlRenderer.render(report, Version.number()));
            default -> output.print(FleetTextRenderer.render(report, output.width()));
        }
        return 0;
    }
}
