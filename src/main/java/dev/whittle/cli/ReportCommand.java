package dev.whittle.cli;

import dev.whittle.compare.CompareOptions;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.ImageComparer;
import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.Futures;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ByteSize;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;
import dev.whittle.report.html.HtmlReportRenderer;
import dev.whittle.report.html.ReportInput;
import dev.whittle.source.Image;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle report IMAGE -o report.html [--compare OTHER]}: the report a person would rather read. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a self-contained HTML report on an image.",
                "One file, no network: summary cards, layers by size with their instructions",
                "and wasted bytes, explain's findings, the largest installed packages by",
                "ecosystem with the layer that installed each, and an explorer: pick a layer,",
                "see its changes alone or everything up to it as a tree (A/M/R/U marks) and a",
                "zoomable treemap coloured by layer or by wasted/visible bytes; a wasted file",
                "selects its layer and is shown in both. The selection is in the address, e.g.",
                "report.html#layer=2&view=aggregated&color=wasted. --compare OTHER adds a",
                "before/after comparison (OTHER is the 'before' image)."},
        footer = {"", "Examples:", "  whittle report examples/demo-before.tar.gz -o report.html",
                "  whittle report after.tar --compare before.tar -o after.html"})
final class ReportCommand implements Callable<Integer> {
    private static final MeasureOptions DETAIL = new MeasureOptions(20, 200);

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to report on.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.HTML).toFileByDefault("report.html");

    @Option(names = "--compare", paramLabel = "OTHER", description = "Compare with OTHER (the 'before' image).")
    String compare;

    @Option(names = "--no-explain", description = "Leave out explain's findings and the packages table (faster: reads"
            + " no file contents).")
    boolean noExplain;

    @Override
    public Integer call() {
        output.format();
        // The 'before' image loads on another thread meanwhile; the subject's layers are read once, for the
        // measurement and (unless --no-explain) for the files explain's detectors read.
        Future<MeasuredImage> before = compare == null ? null : Futures.startDaemon("whittle-report-before",
                () -> ImageLoader.load(compare, imageOptions::open, DETAIL, true));
        Explainer.Pass explain = noExplain ? null : Explainer.prepare(ExplainOptions.DEFAULTS);
        if (before == null) {
            return write(single(explain).html());
        }
        MeasuredImage subject;
        Explanation explanation = null;
        PackageInventory packages = null;
        try (Image img = imageOptions.open(image);
             TerminalProgress progress = output.progress("report")) {
            UnionView union = explain == null ? FilesystemLoader.load(img, progress)
                    : FilesystemLoader.load(img, progress, explain.capture());
            subject = new MeasuredImage(image, ImageMeasurer.measure(img, union, DETAIL), union);
            if (explain != null) {
                explanation = explain.explain(img, union);
                packages = explain.packages(img, union).inventory(); // read in the same pass, for explain too
            }
        }
        Comparison comparison = before == null ? null : ImageComparer.compare(
                List.of(Futures.join(before, "loading " + compare), subject), new CompareOptions(true, true, 3, 200));
        return write(ReportInput.of(subject.measurement(), subject.union(), explanation, comparison,
                Version.number(), packages));
    }

    /**
     * A single-image report: its input is a function of the image's layers and config alone, so a warm run takes it
     * from the layer cache whole (measurement, trees, findings, packages) with the page drawn from it. The page is
     * reused as it is when this run's image is named as the stored one was (the same reference, tags, format,
     * digests and platform: then the input is equal, and so is the page); else it is drawn again from the input.
     */
    private ReportPage single(Explainer.Pass explain) {
        String options = "measure " + DETAIL + "\nexplain " + (explain == null ? "off" : ExplainOptions.DEFAULTS);
        return imageOptions.withCachedResult(image, output, "report", "report-page", options, ReportPage.class,
                explain == null ? ContentCapture.NONE : explain.capture(),
                (img, kept) -> {
                    ReportInput in = kept.input();
                    ReportInput rebound = new ReportInput(ImageMeasurer.rebind(img, in.measurement()), in.trees(),
                            in.explanation() == null ? null : Explainer.rebind(img, in.explanation()), null,
                            Version.number(), in.packages());
                    return sameNames(in, rebound) ? kept : ReportPage.of(rebound);
                },
                (img, union) -> {
                    Measurement m = ImageMeasurer.measure(img, union, DETAIL);
                    Explanation x = explain == null ? null : explain.explain(img, union);
                    PackageInventory p = explain == null ? null : explain.packages(img, union).inventory();
                    return ReportPage.of(ReportInput.of(m, union, x, null, Version.number(), p));
                });
    }

    /** True when two inputs differ in nothing {@link ImageMeasurer#rebind} or {@link Explainer#rebind} set. */
    private static boolean sameNames(ReportInput a, ReportInput b) {
        Measurement x = a.measurement();
        Measurement y = b.measurement();
        return java.util.Objects.equals(x.reference(), y.reference()) && x.tags().equals(y.tags())
                && java.util.Objects.equals(x.format(), y.format()) && java.util.Objects.equals(x.digest(), y.digest())
                && java.util.Objects.equals(x.imageId(), y.imageId())
                && java.util.Objects.equals(x.platform(), y.platform())
                && java.util.Objects.equals(a.version(), b.version())
                && (a.explanation() == null) == (b.explanation() == null)
                && (a.explanation() == null
                        || java.util.Objects.equals(a.explanation().reference(), b.explanation().reference()));
    }

    /** A report's input and the page drawn from it: what the layer cache keeps for a single-image report. */
    record ReportPage(ReportInput input, String html) {
        static ReportPage of(ReportInput input) {
            return new ReportPage(input, HtmlReportRenderer.render(input));
        }
    }

    private int write(ReportInput input) {
        return write(HtmlReportRenderer.render(input));
    }

    private int write(String html) {
        output.print(html);
        if (output.file() != null) {
            output.note("wrote " + output.file() + " (" + ByteSize.format(html.getBytes(StandardCharsets.UTF_8).length)
                    + ")");
        }
        return 0;
    }
}
