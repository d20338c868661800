package dev.whittle.cli;

import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.LayerOrigins;
import dev.whittle.diagnose.LayerRef;
import dev.whittle.image.TextInput;
import java.io.IOException;
import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.UsageException;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;
import dev.whittle.packages.PackageScanner;
import dev.whittle.policy.Baseline;
import dev.whittle.policy.Baselines;
import dev.whittle.policy.ExplainFinding;
import dev.whittle.policy.Policy;
import dev.whittle.policy.PolicyEvaluator;
import dev.whittle.policy.PolicyLoader;
import dev.whittle.policy.Subject;
import dev.whittle.policy.Verdict;
import dev.whittle.report.JsonReport;
import dev.whittle.report.ci.CiGithubRenderer;
import dev.whittle.report.ci.CiJunitRenderer;
import dev.whittle.report.ci.CiMarkdownRenderer;
import dev.whittle.report.ci.CiSarifRenderer;
import dev.whittle.report.ci.CiTextRenderer;
import dev.whittle.source.Image;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle ci IMAGE}: the gate. Exit 0 pass, 1 fail, 2 bad config, 3 unreadable image. */
@Command(name = "ci", mixinStandardHelpOptions = true,
        description = {"Gate an image in CI on .whittle.yml rules and dive's .dive-ci.",
                "Checks the image against the rules in .whittle.yml (ci: section) and/or",
                "dive's .dive-ci (read as-is, same verdicts as dive). With neither file,",
                "dive's default rules apply. Exit 0 when every rule passes, 1 when one",
                "fails, 2 for bad configuration, 3 for an unreadable image."},
        footer = {"", ".whittle.yml:",
                "  ci:",
                "    max-size: 200MB          # content size (200MB, 200MiB or 0.2GB)",
                "    max-pull-size: 80MB      # compressed layer bytes (compressed layers only)",
                "    min-efficiency: 0.95     # visible / content bytes (or 95%%)",
                "    max-wasted-bytes: 20MB   # bytes shipped but hidden by later layers",
                "    max-wasted-percent: 5    # wasted share of the content, in percent",
                "    max-layers: 30",
                "    forbid: ['**/.git', '**/*.log', /root/.npm]",
                "    fail-on: high            # explain findings at or above high|medium|low|info",
                "    forbid-packages: ['gcc*', 'npm:typescript']  # [ECOSYSTEM:]name globs",
                "    max-packages: 400        # installed packages (or by ecosystem: {deb: 300})",
                "    max-package-bytes: {total: 200MB, npm: 40MB}   # or one size: 200MB",
                "    max-growth: 5%% or 20MB  # against the baseline; exceeding either fails",
                "    baseline: base.json      # an image, or a saved 'whittle inspect --json'",
                "", "Examples:", "  whittle ci app.tar",
                "  whittle ci --format github docker-archive:app.tar",
                "  whittle ci -f Dockerfile --format sarif app.tar > ci.sarif",
                "  whittle ci --dive-ci .dive-ci --format junit app.tar > whittle-junit.xml"})
final class CiCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to gate.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Whittle's rules (default: .whittle.yml here or up to the repository root, "
                    + "else ~/.config/whittle/config.yml).")
    Path config;

    @Option(names = "--dive-ci", paramLabel = "FILE", description = "The rules in dive's format (default: .dive-ci here).")
    Path diveCi;

    @Option(names = "--baseline", paramLabel = "IMAGE|FILE",
            description = "The baseline for max-growth (overrides ci.baseline): an image or a saved inspect --json.")
    String baseline;

    @Option(names = {"-f", "--file", "--dockerfile"}, paramLabel = "FILE",
            description = "The Dockerfile the image was built from: results then point at the line that caused them.")
    Path dockerfile;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.JUNIT, Format.SARIF, Format.MARKDOWN,
            Format.GITHUB);

    @Override
    public Integer call() {
        Format format = output.format();
        List<Policy> policies = PolicyLoader.load(Path.of(""), ConfigFiles.locate(config), diveCi);
        String baselineRef = baseline != null ? baseline
                : policies.stream().map(Policy::baseline).filter(b -> b != null).findFirst().orElse(null);
        boolean needsBaseline = policies.stream().anyMatch(Policy::needsBaseline);
        if (needsBaseline && baselineRef == null) {
            throw new UsageException("ci.max-growth needs a baseline: set ci.baseline or pass --baseline");
        }
        boolean needsFindings = policies.stream().anyMatch(Policy::needsFindings);
        boolean needsPackages = policies.stream().anyMatch(Policy::needsPackages);
        Measurement m;
        UnionView union;
        List<ExplainFinding> findings = null;
        LayerOrigins.Origins origins = null;
        String dockerfileText = dockerfile == null ? null : read(dockerfile);
        PackageInventory packages = null;
        try (Image img = imageOptions.open(image);
             TerminalProgress progress = output.progress("ci")) {
            // One read of the layers serves the measurement and, when rules need them, explain's detectors and the
            // package databases (explain reads those too).
            Explainer.Pass explain = needsFindings ? Explainer.prepare(ExplainOptions.DEFAULTS) : null;
            PackageScanner.Pass scan = explain == null && needsPackages ? PackageScanner.prepare() : null;
            ContentCapture capture = explain != null ? explain.capture()
                    : scan != null ? scan.capture() : ContentCapture.NONE;
            union = FilesystemLoader.load(img, progress, capture);
            m = ImageMeasurer.measure(img, union, new MeasureOptions(0, 0));
            if (explain != null) {
                findings = ExplainFindings.of(explain.explain(img, union));
            }
            if (dockerfile != null) {
                origins = LayerOrigins.of(img.config().history(), union.layers().size(),
                        ExplainOptions.DEFAULTS.withDockerfile(dockerfile.toString(), dockerfileText));
            }
            if (needsPackages) {
                packages = (explain != null ? explain.packages(img, union) : scan.scan(img, union)).inventory();
            }
        }
        Baseline base = needsBaseline ? loadBaseline(baselineRef) : null;
        Verdict v = PolicyEvaluator.evaluate(image, policies, new Subject(m, union, base, findings, packages));
        if (origins != null) {
            // a result points at a line only where the history matched that line's text (explain's alignment)
            v = v.withDockerfile(origins.match(), origins.layers().stream().map(LayerRef::dockerfile).toList());
        }
        output.print(switch (format) {
            case JSON -> JsonReport.render("ci", v);
            case JUNIT -> CiJunitRenderer.render(v);
            case SARIF -> CiSarifRenderer.render(v, Version.number());
            case MARKDOWN -> CiMarkdownRenderer.render(v);
            case GITHUB -> CiGithubRenderer.render(v);
            default -> CiTextRenderer.render(v);
        });
        return v.passed() ? 0 : 1;
    }

    private static String read(Path file) {
        try {
            return TextInput.read(file);
        } catch (IOException e) {
            throw new UsageException("--dockerfile: cannot read " + file + ": " + e.getMessage());
        }
    }

    private Baseline loadBaseline(String ref) {
        Path file = Path.of(ref.replaceFirst("^file:", ""));
        if (Baselines.isSavedResult(file)) {
            return Baselines.fromInspectJson(file);
        }
        MeasuredImage b = ImageLoader.load(ref, imageOptions::open, new MeasureOptions(0, 0), false);
        return new Baseline(ref, b.measurement().totals().contentBytes(), b.measurement().totals().compressedBytes());
    }
}
