package dev.whittle.cli;

import dev.whittle.compare.CompareOptions;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.ImageComparer;
import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.Futures;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ByteSize;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;
import dev.whittle.report.html.HtmlReportRenderer;
import dev.whittle.report.html.ReportInput;
import dev.whittle.source.Image;
import dev.whittle.source.ResultCache;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
    /** The layer cache's names for a single-image report's input and for the page drawn from it. */
    static final String INPUT = "report-input";
    static final String PAGE = "report-page";

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
        if (before == null) {
            return single();
        }
        Explainer.Pass explain = noExplain ? null : Explainer.prepare(ExplainOptions.DEFAULTS);
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
     * A single-image report. Its input is a function of the image's layers and config alone, and the page a function
     * of the input, so the layer cache keeps both, apart: the page under a key that also names the image as this run
     * does (the reference as typed, tags, manifest, platform: what {@link ImageMeasurer#rebind} and
     * {@link Explainer#rebind} put back, and the version in the footer), the input under the layers' key alone. A
     * warm run of the same command line reads the page and nothing else (the input, tens of thousands of tree
     * entries, is never parsed); the same image named another way draws the page again from the stored input, renamed,
     * and stores that page too; a cold run loads the layers, computes the input and stores both.
     */
    private int single() {
        String options = "measure " + DETAIL + "\nexplain " + (noExplain ? "off" : ExplainOptions.DEFAULTS);
        try (Image img = imageOptions.open(image)) {
            ResultCache results = ResultCache.of(img);
            String pageOptions = options + "\n" + pageNames(img);
            Optional<ResultCache.Stored<byte[]>> page = results.findBytes(PAGE, pageOptions);
            if (page.isPresent()) {
                return write(page.get().value());
            }
            Optional<ResultCache.Stored<ReportInput>> kept = results.findStored(INPUT, options, ReportInput.class);
            if (kept.isPresent()) {
                ReportInput in = kept.get().value();
                return write(results, pageOptions, kept.get().tarBytes(), HtmlReportRenderer.render(new ReportInput(
                        ImageMeasurer.rebind(img, in.measurement()), in.trees(),
                        in.explanation() == null ? null : Explainer.rebind(img, in.explanation()), null,
                        Version.number(), in.packages())));
            }
            Explainer.Pass explain = noExplain ? null : Explainer.prepare(ExplainOptions.DEFAULTS);
            ReportInput input;
            long[] tarBytes;
            try (TerminalProgress progress = output.progress("report")) {
                UnionView union = explain == null ? FilesystemLoader.load(img, progress)
                        : FilesystemLoader.load(img, progress, explain.capture());
                Measurement m = ImageMeasurer.measure(img, union, DETAIL);
                Explanation x = explain == null ? null : explain.explain(img, union);
                PackageInventory p = explain == null ? null : explain.packages(img, union).inventory();
                input = ReportInput.of(m, union, x, null, Version.number(), p);
                tarBytes = union.layerStats().stream().mapToLong(LayerStats::tarBytes).toArray();
            }
            results.store(INPUT, options, tarBytes, input);
            return write(results, pageOptions, tarBytes, HtmlReportRenderer.render(input));
        }
    }

    /** Keeps the page drawn this run beside its input, and writes it. */
    private int write(ResultCache results, String pageOptions, long[] tarBytes, String html) {
        byte[] utf8 = strictUtf8(html);
        if (utf8 == null) {
            return write(html); // fails as any page UTF-8 cannot say: nothing to keep
        }
        results.storeBytes(PAGE, pageOptions, tarBytes, utf8);
        return write(utf8);
    }

    /** The page in UTF-8, or null when it holds what UTF-8 cannot say (a lone surrogate). */
    static byte[] strictUtf8(String html) {
        try {
            java.nio.ByteBuffer b = StandardCharsets.UTF_8.newEncoder().encode(java.nio.CharBuffer.wrap(html));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Everything a page shows of the image's names, one length-prefixed fact per line (a reference may hold any
     * character): two runs whose texts are equal draw the same page from the same input.
     */
    static String pageNames(Image img) {
        StringBuilder t = new StringBuilder();
        fact(t, "reference", img.reference());
        for (String tag : img.tags()) {
            fact(t, "tag", tag);
        }
        fact(t, "manifest", img.manifestDigest());
        fact(t, "platform", img.platform());
        fact(t, "version", Version.number());
        return t.toString();
    }

    private static void fact(StringBuilder t, String name, Object value) {
        String v = value == null ? null : value.toString();
        t.append(name).append(' ').append(v == null ? "-" : v.length() + ":" + v).append('\n');
    }

    private int write(ReportInput input) {
        return write(HtmlReportRenderer.render(input));
    }

    private int write(String html) {
        output.print(html);
        return wrote(html.getBytes(StandardCharsets.UTF_8).length);
    }

    private int write(byte[] utf8) {
        output.printUtf8(utf8);
        return wrote(utf8.length);
    }

    private int wrote(long bytes) {
        if (output.file() != null) {
            output.note("wrote " + output.file() + " (" + ByteSize.format(bytes) + ")");
        }
        return 0;
    }
}
