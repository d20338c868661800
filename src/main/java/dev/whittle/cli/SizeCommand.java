package dev.whittle.cli;

import dev.whittle.image.Platform;
import dev.whittle.image.UsageException;
import dev.whittle.measure.pull.Bandwidth;
import dev.whittle.measure.pull.DeployTax;
import dev.whittle.measure.pull.PlatformPull;
import dev.whittle.measure.pull.PullComparison;
import dev.whittle.measure.pull.PullReport;
import dev.whittle.measure.pull.PullSizeReader;
import dev.whittle.measure.pull.PullSizes;
import dev.whittle.report.JsonReport;
import dev.whittle.report.SizeTextRenderer;
import dev.whittle.source.SourceOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle size REF}: pull size per platform and layer from manifests alone, and the deploy tax. */
@Command(name = "size", mixinStandardHelpOptions = true,
        description = {"Show what pulling an image moves, per platform and layer.",
                "Reads manifests only, without downloading layers; with --instances and",
                "--bandwidth, the deploy tax for a fleet; with --compare, the saving."})
public final class SizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF",
            description = "Image reference (registry, oci:, docker-archive:, ...).")
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

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Override
    public Integer call() {
        boolean json = output.format() == Format.JSON;
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
        if (json) {
            output.print(JsonReport.render("size", new PullReport(sizes, tax, comparison)));
        } else {
            output.print(SizeTextRenderer.render(sizes, primary, tax, comparison));
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
}
