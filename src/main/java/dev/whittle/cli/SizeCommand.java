package dev.whittle.cli;

import dev.whittle.image.ByteSize;
import dev.whittle.image.Platform;
import dev.whittle.image.UsageException;
import dev.whittle.measure.pull.Bandwidth;
import dev.whittle.measure.pull.DeployTax;
import dev.whittle.measure.pull.LayerSize;
import dev.whittle.measure.pull.PlatformPull;
import dev.whittle.measure.pull.PullComparison;
import dev.whittle.measure.pull.PullReport;
import dev.whittle.measure.pull.PullSizeReader;
import dev.whittle.measure.pull.PullSizes;
import dev.whittle.report.JsonReport;
import dev.whittle.report.TextTable;
import dev.whittle.source.SourceOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whittle size REF}: pull size per platform and layer from manifests alone, and the deploy tax. */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = {"Shows what pulling an image moves, per platform and per layer, without downloading layers;",
                "with --instances and --bandwidth, the deploy tax for a fleet; with --compare, the saving."})
public final class SizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "Image reference (registry, oci:, docker-archive:, ...).")
    String reference;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "Fresh machines that each pull the image (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--bandwidth", paramLabel = "RATE", description = "Pull rate, e.g. 1Gbit/s, 100Mbit/s, 50MB/s.")
    String bandwidth;

    @Option(names = "--compare", paramLabel = "OTHER", description = "A second image to compare against REF.")
    String compare;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SourceOptions options = imageOptions.sourceOptions();
        Platform wanted = options.platform();
        Bandwidth rate = parse(bandwidth, Bandwidth::parse, "--bandwidth");
        if (instances < 1) {
            throw new UsageException("--instances must be at least 1, got " + instances);
        }
        PullSizes sizes = PullSizeReader.read(ImageOptions.reference(reference), options, wanted);
        String primaryName = wanted != null ? wanted.toString() : Platform.host().toString();
        PlatformPull primary = sizes.primary(primaryName);
        DeployTax tax = DeployTax.of(primary.totalBytes(), instances, rate);
        PullComparison comparison = null;
        if (compare != null) {
            PullSizes other = PullSizeReader.read(ImageOptions.reference(compare), options, wanted);
            comparison = PullComparison.of(primary, other.primary(primary.platform()), instances);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(JsonReport.render("size", new PullReport(sizes, tax, comparison)));
        } else {
            out.print(text(sizes, primary, tax, comparison));
        }
        return 0;
    }

    private static <T> T parse(String text, java.util.function.Function<String, T> parser, String option) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String text(PullSizes sizes, PlatformPull primary, DeployTax tax, PullComparison cmp) {
        StringBuilder s = new StringBuilder(sizes.reference());
        s.append(sizes.indexDigest() != null ? "  (index " + sizes.indexDigest() + ", " + sizes.platforms().size()
                + " platforms)" : "").append("  from ").append(sizes.source()).append("\n\n");
        TextTable platforms = new TextTable("PLATFORM", ">LAYERS", ">PULL SIZE", "MANIFEST");
        for (PlatformPull p : sizes.platforms()) {
            platforms.row(p.platform(), p.layers().size(), pullSize(p),
                    p.manifestDigest() == null ? "" : p.manifestDigest());
        }
        s.append(platforms.render());
        for (PlatformPull p : sizes.platforms()) {
            s.append('\n').append(p.platform()).append(" layers:\n");
            TextTable layers = new TextTable(">#", ">SIZE", "DIGEST", "MEDIA TYPE");
            for (LayerSize l : p.layers()) {
                layers.row(l.index(), ByteSize.format(l.size()) + (l.compressed() ? "" : " (uncompressed)"),
                        l.digest(), l.mediaType() == null ? "" : l.mediaType());
            }
            s.append(layers.render());
        }
        s.append("\nDeploy tax (").append(primary.platform()).append(", ").append(tax.instances())
                .append(tax.instances() == 1 ? " instance" : " instances").append("):\n");
        s.append("  bytes moved  ").append(ByteSize.format(tax.totalBytes())).append("  (").append(tax.instances())
                .append(" x ").append(pullSize(primary)).append(")\n");
        if (tax.bandwidth() != null) {
            s.append("  pull time    ").append(duration(tax.secondsPerPull())).append(" per machine at ")
                    .append(tax.bandwidth()).append("; ").append(duration(tax.secondsSharedLink()))
                    .append(" for the fleet through one shared ").append(tax.bandwidth()).append(" link\n");
        }
        if (cmp != null) {
            s.append("\nCompared with ").append(cmp.after().platform()).append(" of the other image (")
                    .append(pullSize(cmp.after())).append("): ")
                    .append(cmp.savedPerPull() >= 0 ? "saves " : "costs ")
                    .append(ByteSize.format(Math.abs(cmp.savedPerPull()))).append(" per pull (")
                    .append(String.format(Locale.ROOT, "%.1f%%", Math.abs(cmp.savedFraction()) * 100))
                    .append("), ").append(ByteSize.format(Math.abs(cmp.savedFleet()))).append(" across ")
                    .append(tax.instances()).append(tax.instances() == 1 ? " instance" : " instances");
            if (tax.bandwidth() != null) {
                s.append(", ").append(duration(tax.bandwidth().secondsFor(Math.abs(cmp.savedPerPull()))))
                        .append(" per pull");
            }
            s.append("; ").append(cmp.sharedLayers()).append(" layers shared\n");
        }
        if (!primary.compressedKnown()) {
            s.append("\nnote: this source stores layers uncompressed, so the pull size from a registry is unknown;"
                    + " the sizes above are uncompressed\n");
        }
        return s.toString();
    }

    private static String pullSize(PlatformPull p) {
        return ByteSize.format(p.totalBytes()) + (p.compressedKnown() ? "" : " (uncompressed)");
    }

    static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
