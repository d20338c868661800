package dev.whittle.cli;

import dev.whittle.compare.CompareOptions;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.ImageComparer;
import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.image.UsageException;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.report.JsonReport;
import dev.whittle.report.compare.CompareMarkdownRenderer;
import dev.whittle.report.compare.CompareTextRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle compare A B [C ...]}: did the optimisation work? */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare images: size, pull size, layers, efficiency and waste.",
                "Each row shows the change against the first image, absolute and in percent;",
                "--files diffs the final filesystems of the first two by directory and file,",
                "--layers shows which layers (same diff id) the first image already has,",
                "--packages lists packages added, removed and changed against the first image."},
        footer = {"", "Examples:", "  whittle compare examples/demo-before.tar.gz examples/demo-after.tar.gz",
                "  whittle compare --files --layers before.tar after.tar",
                "  whittle compare --packages before.tar after.tar",
                "  whittle compare --format markdown v1.tar v2.tar >> \"$GITHUB_STEP_SUMMARY\""})
final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "IMAGE", description = "Two or more images; the first is the reference.")
    List<String> images = new ArrayList<>();

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--files", description = "Diff the final filesystems of the first two images, by directory and file.")
    boolean files;

    @Option(names = "--layers", description = "Show which layers (same diff id) each image shares with the first.")
    boolean layers;

    @Option(names = "--packages", description = "Diff the installed packages of each image against the first's: added,"
            + " removed and version changed, with bytes.")
    boolean packages;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "3",
            description = "Group file changes by directories N levels deep (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "How many directories and files to list in text and Markdown (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.MARKDOWN);

    @Override
    public Integer call() {
        Format format = output.format();
        Options.requireNonNegative("--top", top);
        if (depth < 1) {
            throw new UsageException("--depth must be 1 or more, got " + depth);
        }
        List<MeasuredImage> measured = ImageLoader.loadAll(images, imageOptions::open, new MeasureOptions(0, 0),
                files ? 2 : 0, packages);
        Comparison c = ImageComparer.compare(measured, new CompareOptions(files, layers, depth, Integer.MAX_VALUE,
                packages));
        output.print(switch (format) {
            case JSON -> JsonReport.render("compare", c);
            case MARKDOWN -> CompareMarkdownRenderer.render(c, top);
            default -> CompareTextRenderer.render(c, top, output.width());
        });
        return 0;
    }
}
