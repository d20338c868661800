package dev.whittle.cli;

import dev.whittle.compare.CompareOptions;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.ImageComparer;
import dev.whittle.compare.ImageLoader;
import dev.whittle.compare.MeasuredImage;
import dev.whittle.diagnose.DropCategory;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.report.JsonReport;
import dev.whittle.report.slim.SlimTextRenderer;
import dev.whittle.slim.BaseChoice;
import dev.whittle.slim.DropSelection;
import dev.whittle.slim.SlimPlan;
import dev.whittle.slim.SlimResult;
import dev.whittle.slim.Slimmer;
import dev.whittle.slim.SquashSelection;
import dev.whittle.source.ProgressBar;
import dev.whittle.source.registry.RegistryClient;
import dev.whittle.write.ImageWriter;
import dev.whittle.write.OutputCompression;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whittle slim IMAGE -o DEST}: a smaller, equivalent image without a rebuild. */
@Command(name = "slim", mixinStandardHelpOptions = true,
        description = {"Squash away the bytes no container sees, without a rebuild.",
                "The layers above the base image become one layer that holds only the visible",
                "state, so the bytes later layers deleted or overwrote are gone. The final",
                "filesystem stays identical (content, modes, owners, times, xattrs, links,",
                "devices); base layers stay the same blobs, so registries and nodes still share",
                "them; the config is kept, the history says what was squashed, and the label",
                "dev.whittle.slim.source names the input. Without -o (or with --dry-run) it",
                "prints the plan and writes nothing. The same input and options always give",
                "the same digests. --drop also removes what explain finds of the named",
                "categories (caches, .git, logs...) where the squashed layers ship it."},
        footer = {"", "Examples:", "  whittle slim examples/demo-before.tar.gz",
                "  whittle slim app.tar -o docker-archive:app-slim.tar:app:slim",
                "  whittle slim app.tar --drop apt-lists,language-caches,vcs --dry-run",
                "  whittle slim --compression zstd:9 registry.example/app:1.0 -o oci:app:slim",
                "  whittle slim --keep 3 --json app.tar -o oci-archive:app-slim.tar"})
final class SlimCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to slim (any source).")
    String image;

    @Option(names = {"-o", "--output"}, paramLabel = "DEST",
            description = "Where to write: docker-archive:FILE[:NAME:TAG], oci:DIR[:TAG], oci-archive:FILE[:TAG]"
                    + " or docker://REGISTRY/REPO:TAG (a push: base layers the registry has are not sent again).")
    String output;

    @Option(names = "--dry-run", description = "Print the plan and write nothing (the default without -o).")
    boolean dryRun;

    @Option(names = "--keep", paramLabel = "N",
            description = "Keep the first N layers as they are (default: the base image, detected from the history).")
    Integer keep;

    @Option(names = "--squash-all", description = "Squash every layer into one (no layer stays shared).")
    boolean squashAll;

    @Option(names = "--drop", paramLabel = "CATEGORIES", split = ",", completionCandidates = DropNames.class,
            description = "Also remove what explain finds of these categories in the squashed layers (comma list):"
                    + " ${COMPLETION-CANDIDATES}. Never an executable, a shared library, a path Entrypoint/Cmd/"
                    + "WorkingDir names, or a file other paths hard-link to.")
    List<String> drop;

    @Option(names = "--compression", paramLabel = "ALGO[:LEVEL]", defaultValue = "gzip",
            description = "The new layer's compression for oci and docker:// outputs: gzip[:1-9], zstd[:1-19] or none"
                    + " (default: gzip at level 6; docker-archive stores tars, as docker save does).")
    String compression;

    @Option(names = "--json", description = "Same as --format json (the schema is in docs/json-schema.md).")
    boolean json;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "The output format: text (the default) or json.")
    String format;

    @Option(names = {"-q", "--quiet"}, description = "No progress line on standard error.")
    boolean quiet;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean asJson = json || format.equalsIgnoreCase("json");
        if (!asJson && !format.equalsIgnoreCase("text")) {
            throw new UsageException("slim prints text or json, not " + format);
        }
        if (json && !format.equalsIgnoreCase("text") && !format.equalsIgnoreCase("json")) {
            throw new UsageException("--json and --format " + format + " exclude each other");
        }
        if (keep != null && squashAll) {
            throw new UsageException("--keep and --squash-all exclude each other");
        }
        OutputCompression c;
        try {
            c = OutputCompression.parse(compression);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compression: " + e.getMessage());
        }
        Set<DropCategory> categories = dropCategories(drop);
        ImageReference dest = output == null ? null : ImageOptions.reference(output);
        ImageReference source = ImageOptions.reference(image);
        if (dest != null && !dryRun) {
            if (dest instanceof ImageReference.Registry r) {
                if (!output.startsWith("docker://")) {
                    throw new UsageException("-o " + output + ": name the destination's transport: docker://" + output
                            + " to push to a registry, or " + ImageWriter.TRANSPORTS);
                }
                refuseSameTag(source, r);
            } else {
                ImageWriter.checkDestination(dest);
            }
        }
        boolean write = dest != null && !dryRun;
        Path input = localPath(source);
        Explainer.Pass explain = categories.isEmpty() ? null : Explainer.prepare(ExplainOptions.DEFAULTS);
        SlimResult result = withFilesystem(explain, (img, union) -> {
            BaseChoice base = Slimmer.chooseBase(img, keep, squashAll);
            DropSelection drops = explain == null ? DropSelection.NONE : DropSelection.of(img.config(), union,
                    base.kept(), categories, explain.droppable(img, union));
            SquashSelection selection = Slimmer.select(union, base, drops);
            SlimPlan plan = Slimmer.plan(img, union, base, selection, drops);
            if (!write) {
                return SlimResult.planned(plan);
            }
            // measured before writing: the output's filesystem below shares the input's path table
            MeasuredImage before = new MeasuredImage(image, ImageMeasurer.measure(img, union,
                    new MeasureOptions(0, 0)), null);
            Slimmer.Written written;
            if (dest instanceof ImageReference.Registry r) {
                RegistryClient client = RegistryClient.connect(r.registry(), imageOptions.sourceOptions().registry());
                client.ping();
                String mountFrom = source instanceof ImageReference.Registry in
                        && in.registry().equals(r.registry()) ? in.repository() : null;
                try (ProgressBar bar = quiet ? ProgressBar.silent() : ProgressBar.start("pushing",
                        Slimmer.writeWork(union, selection, plan, ImageReference.parse("oci:push")))) {
                    written = Slimmer.pushIndexed(img, union, selection, plan, r, client, mountFrom, c, bar);
                }
            } else {
                try (ProgressBar bar = quiet ? ProgressBar.silent() : ProgressBar.start("writing",
                        Slimmer.writeWork(union, selection, plan, dest))) {
                    written = Slimmer.writeIndexed(img, union, selection, plan, dest, input, c, bar);
                }
            }
            // The output is measured without reading its layers again: its base layers are the input's blobs and the
            // squashed layer was indexed from the bytes written (SlimmerTest proves this equals reading it back).
            MeasuredImage after;
            if (written.squashed() == null) {
                after = ImageLoader.load(written.image().reference(), imageOptions::open, new MeasureOptions(0, 0),
                        false);
            } else {
                try (dev.whittle.source.Image out = imageOptions.open(written.image().reference())) {
                    after = new MeasuredImage(written.image().reference(), ImageMeasurer.measure(out,
                            Slimmer.outputUnion(union, selection.kept(), written.squashed()),
                            new MeasureOptions(0, 0)), null);
                }
            }
            Comparison comparison = ImageComparer.compare(List.of(before, after), CompareOptions.TABLE);
            return SlimResult.written(plan, written.image(), comparison);
        });
        var out = spec.commandLine().getOut();
        out.print(asJson ? JsonReport.render("slim", result) : SlimTextRenderer.render(result));
        out.flush();
        return 0;
    }

    /** The {@code --drop} names, from explain's one list. */
    static final class DropNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DropCategory.ids().iterator();
        }
    }

    /**
     * The {@code --drop} categories by name.
     *
     * @throws UsageException naming the valid ones, for an unknown name
     */
    static Set<DropCategory> dropCategories(List<String> names) {
        Set<DropCategory> out = EnumSet.noneOf(DropCategory.class);
        if (names == null) {
            return out;
        }
        for (String name : names) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            out.add(DropCategory.byId(n).orElseThrow(() -> new UsageException("--drop: unknown category ["
                    + name + "]; valid: " + String.join(", ", DropCategory.ids()))));
        }
        return out;
    }

    /**
     * Opens the input and loads its union view (reading the files explain's detectors need when {@code explain} is
     * set), with a progress line on a terminal unless {@code -q}.
     */
    private <T> T withFilesystem(Explainer.Pass explain,
                                 java.util.function.BiFunction<dev.whittle.source.Image, dev.whittle.fs.UnionView, T>
                                         work) {
        try (dev.whittle.source.Image img = imageOptions.open(image);
             TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "reading", !quiet)) {
            // each entry's records noted in the same pass: the squashed layer is then copied by offset without a
            // second walk of the layers' headers (RegionSquashWriter)
            return work.apply(img, dev.whittle.fs.FilesystemLoader.load(img, progress,
                    Runtime.getRuntime().availableProcessors(), dev.whittle.fs.LayerIndexCache.of(img),
                    explain == null ? dev.whittle.fs.ContentCapture.NONE : explain.capture(), true));
        }
    }

    /** A registry destination may not be the very tag slimmed (the input would be lost); another tag is fine. */
    private static void refuseSameTag(ImageReference source, ImageReference.Registry dest) {
        if (source instanceof ImageReference.Registry in && in.registry().equals(dest.registry())
                && in.repository().equals(dest.repository()) && dest.tag() != null && dest.digest() == null
                && dest.tag().equals(in.tag()) && in.digest() == null) {
            throw new UsageException("refusing to write over the input image " + in.display()
                    + "; choose another tag");
        }
        if (dest.digest() != null) {
            throw new UsageException("a docker:// destination names a tag, not a digest (the digest is the"
                    + " output's own): " + dest.display());
        }
    }

    /** The file or directory a local input lives in, or null for a remote one. */
    private static Path localPath(ImageReference ref) {
        if (ref instanceof ImageReference.DockerArchive d) {
            return d.path();
        }
        if (ref instanceof ImageReference.OciLayout o) {
            return o.dir();
        }
        if (ref instanceof ImageReference.OciArchive o) {
            return o.path();
        }
        if (ref instanceof ImageReference.LocalPath p) {
            return p.path();
        }
        return null;
    }
}
