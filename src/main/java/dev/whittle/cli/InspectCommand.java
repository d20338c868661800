package dev.whittle.cli;

import dev.whittle.fs.ContentCapture;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.report.InspectTextRenderer;
import dev.whittle.report.JsonReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle inspect IMAGE}: where are the bytes? */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Measure an image: sizes, layers, largest and wasted files.",
                "Prints the sizes, the layers with the instruction that made each, the largest",
                "files, and the wasted files (shipped but hidden by a later layer), with dive's",
                "metrics beside Whittle's."},
        footer = {"", "IMAGE is docker-archive:PATH[:NAME:TAG|@N], oci:DIR[:TAG],",
                "oci-archive:PATH[:TAG], docker://REGISTRY/REPO:TAG, docker-daemon:NAME:TAG,",
                "a path (sniffed) or a registry name.",
                "", "Examples:", "  whittle inspect examples/demo-before.tar.gz",
                "  whittle inspect --sort size --top 20 oci:build/layout:latest",
                "  whittle inspect --json app.tar | jq .dive.efficiency"})
final class InspectCommand implements Callable<Integer> {
    /** The layer cache's name for the text an inspect printed ({@link ImageOptions#printCachedResult}). */
    static final String PAGE = "inspect-page";

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to measure.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Option(names = "--sort", paramLabel = "index|size", defaultValue = "index",
            description = "Order of the layer table: build order (default) or largest first.")
    LayerOrder sort;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
            description = "How many largest files to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--wasted", paramLabel = "N",
            description = "How many wasted files to list (default: 20 in text, all in JSON).")
    Integer wasted;

    @Option(names = "--no-trunc", description = "Do not shorten long instructions or paths.")
    boolean noTrunc;

    enum LayerOrder { index, size }

    @Override
    public Integer call() {
        Format format = output.format();
        boolean json = format == Format.JSON;
        Options.requireNonNegative("--top", top);
        if (wasted != null) {
            Options.requireNonNegative("--wasted", wasted);
        }
        int wastedLimit = wasted != null ? wasted : json ? Integer.MAX_VALUE : 20;
        MeasureOptions options = new MeasureOptions(top, wastedLimit);
        // JSON asks nothing of the terminal (its width costs a JLine start on one)
        InspectTextRenderer.Options text = json ? null : new InspectTextRenderer.Options(sort == LayerOrder.size,
                wastedLimit, noTrunc ? 0 : output.width());
        // rendered while the last layers' digests are still being checked: printed only once they all held; the
        // text is kept too, under a key of every choice the renderer makes, so a warm run of the same command line
        // prints it without reading the measurement
        imageOptions.printCachedResult(image, output, "inspect", "measurement", PAGE, options.toString(),
                json ? "json" : "text sort " + sort + " wasted " + wastedLimit + " width " + text.width(),
                Measurement.class, () -> ContentCapture.NONE, ImageMeasurer::rebind,
                (img, union) -> ImageMeasurer.measure(img, union, options),
                m -> json ? JsonReport.render("inspect", m) : InspectTextRenderer.render(m, text));
        return 0;
    }
}
