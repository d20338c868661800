package dev.whittle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.FleetScanner;
import dev.whittle.fleet.ScanSummary;
import dev.whittle.fleet.ScanTargets;
import dev.whittle.fleet.Shard;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.TextInput;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle fleet scan REGISTRY}: every tag of a registry into the fleet database, each unique layer once. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan a registry into the fleet database, each layer once.",
                "Lists the catalog and every repository's tags (or reads references from",
                "--from), resolves each tag to its images (every platform of an index, or",
                "--platform), and records size, pull size, efficiency, waste, base image and",
                "findings per image. A layer analysed before, by this scan, another shard or",
                "an earlier scan, is never downloaded again; an image measured before is not",
                "measured again. Rerun the same command after a crash to finish the scan.",
                "Shards (--shard I/N, or JOB_COMPLETION_INDEX/JOB_COMPLETIONS of a Kubernetes",
                "Indexed Job) split the tags by a hash of repository:tag and write into one",
                "PostgreSQL database at once."},
        footer = {"", "Progress (tags, images, unique layers, bytes moved, ETA) goes to standard error;",
                "the summary to standard output. Exit 3 when some tag could not be scanned (the",
                "others are recorded) or the registry or database cannot be reached.",
                "", "Examples:",
                "  whittle fleet scan registry.example.com --db fleet.db",
                "  whittle fleet scan registry.example.com --repo 'team/*' --tag 'v*' \\",
                "      --platform linux/amd64",
                "  whittle fleet scan --from images.txt --db fleet.db --json",
                "  whittle fleet scan registry.example.com \\",
                "      --db postgresql://scan@db:5432/fleet --shard 0/4 --scan-id weekly-49"})
final class FleetScanCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "REGISTRY",
            description = "The registry to scan, e.g. registry.example.com or 127.0.0.1:5000 (optional with --from).")
    String registry;

    @Option(names = "--db", paramLabel = "DB", defaultValue = "fleet.db",
            description = "A SQLite file (default: ${DEFAULT-VALUE}) or postgresql://user@host:port/db"
                    + " (password in PGPASSWORD).")
    String db;

    @Option(names = "--repo", paramLabel = "GLOB",
            description = "Only repositories matching GLOB ('team/*'; without '/', the last part: 'api').")
    String repo;

    @Option(names = "--tag", paramLabel = "GLOB", description = "Only tags matching GLOB ('v1.*', 'latest').")
    String tag;

    @Option(names = "--from", paramLabel = "FILE",
            description = "Scan the references in FILE, one per line ('#' comments), instead of listing the registry.")
    Path from;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Scan part I of N (0-based; default: JOB_COMPLETION_INDEX/JOB_COMPLETIONS, else 0/1).")
    String shard;

    @Option(names = "--scan-id", paramLabel = "ID",
            description = "The scan's id, shared by its shards (needed with N > 1); default: resume the unfinished"
                    + " scan of the same registry and options, else start a new one.")
    String scanId;

    @Option(names = "--claim-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Take over a layer another shard claimed but has not touched for SECONDS (a killed"
                    + " shard; default: ${DEFAULT-VALUE}).")
    long claimTimeout;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Override
    public Integer call() {
        Format format = output.format();
        Shard part = Shard.choose(shard, System.getenv());
        if (part.count() > 1 && scanId == null) {
            throw new UsageException("--scan-id is needed with " + part.count() + " shards: every shard of one scan"
                    + " must name the same id (in a Kubernetes Indexed Job, the Job's name)");
        }
        if (claimTimeout < 1) {
            throw new UsageException("--claim-timeout must be at least 1 second, got " + claimTimeout);
        }
        ScanTargets.Selection selection = ScanTargets.Selection.of(repo, tag);
        List<String> lines = from == null ? null : readLines(from);
        if (registry == null && lines == null) {
            throw new UsageException("name the REGISTRY to scan, or --from FILE with the references to scan");
        }
        if (registry != null && (registry.contains("/") || registry.isBlank())) {
            throw new UsageException("REGISTRY is a host[:port] such as registry.example.com, not a reference: "
                    + registry);
        }
        String host = registry != null ? registry : ScanTargets.registryOf(lines);
        if (lines != null) {
            ScanTargets.fromLines(lines, host, selection, part); // its mistakes are usage errors, before any work
        }
        SourceOptions options = imageOptions.sourceOptions();
        RegistryClient client = RegistryClient.connect(host, options.registry());
        String optionsJson = optionsJson(lines, part);
        ScanSummary summary;
        try (FleetDatabase database = FleetDatabase.open(db);
             FleetProgress progress = new FleetProgress(output.notes(), !output.quiet())) {
            summary = new FleetScanner(database, client, options, Clock.systemUTC(), FleetScanCommand::wording)
                    .scan(new FleetScanner.Options(host, selection, lines, options.platform(), part, scanId,
                            optionsJson, Duration.ofSeconds(claimTimeout),
                            Runtime.getRuntime().availableProcessors()), progress);
        }
        for (String unreadable : summary.unreadableRepositories()) {
            output.note("whittle: skipped repository " + unreadable + " (its tags cannot be listed; --creds?)");
        }
        output.print(format == Format.JSON ? JsonReport.render("fleet-scan", summary) : text(summary));
        return summary.failures().isEmpty() ? 0 : 3;
    }

    /** What makes two runs the same scan: the selection, the shard count and this Whittle's version. */
    private String optionsJson(List<String> lines, Shard part) {
        ObjectNode o = ImageJson.mapper().createObjectNode();
        o.put("repo", repo);
        o.put("tag", tag);
        o.put("platform", imageOptions.platform);
        o.put("from", lines == null ? null
                : Digest.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)).toString());
        o.put("shards", part.count());
        o.put("whittle", Version.number());
        return o.toString();
    }

    /** A tag's failure in the words every command uses (a registry's refusal rendered from its data). */
    private static String wording(RuntimeException e) {
        Throwable t = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        if (t instanceof dev.whittle.source.registry.RegistryException r) {
            return RegistryErrorText.render(r.error());
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static List<String> readLines(Path file) {
        try {
            return TextInput.read(file).lines().toList();
        } catch (IOException e) {
            throw new UsageException("--from: cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String text(ScanSummary s) {
        StringBuilder sb = new StringBuilder();
        sb.append("scan ").append(s.scanId()).append(" of ").append(s.registry()).append(" into ")
                .append(s.database()).append(s.shard().equals("0/1") ? "" : ", shard " + s.shard()).append('\n');
        sb.append("  tags:    ").append(s.tags().inShard()).append(" scanned")
                .append(s.tags().listed() != s.tags().inShard() ? " of " + s.tags().listed() + " listed" : "")
                .append(", ").append(s.tags().recorded()).append(" recorded (one per platform)")
                .append(s.tags().skipped() > 0 ? ", " + s.tags().skipped() + " without the platform asked" : "")
                .append('\n');
        sb.append("  images:  ").append(s.images().measured()).append(" measured, ").append(s.images().known())
                .append(" measured before").append('\n');
        sb.append("  layers:  ").append(s.layers().analysed()).append(" unique layers analysed (")
                .append(dev.whittle.image.ByteSize.format(s.bytesDownloaded())).append(" downloaded), ")
                .append(s.layers().reused()).append(" reused from the database").append('\n');
        sb.append("  status:  ").append(s.scanFinished() ? "the scan is finished" : "this shard is finished;"
                + " the scan finishes with its last shard").append('\n');
        for (ScanSummary.Failure f : s.failures()) {
            sb.append("  failed:  ").append(report(f.reference())).append(": ").append(report(f.error())).append('\n');
        }
        return sb.toString();
    }

    private static String report(String text) {
        return dev.whittle.report.HumanText.line(text);
    }
}
