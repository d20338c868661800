package dev.whittle.diagnose;

import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.ContentCaptures;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.History;
import dev.whittle.packages.PackageScan;
import dev.whittle.packages.PackageScanner;
import dev.whittle.source.Image;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Explains an image: loads its layers once (reading only the files detectors ask for), runs every detector, and
 * sums what all fixes together save without counting a layer entry twice. Findings that would save nothing are
 * dropped unless they are context (INFO) or risk (HIGH: secrets).
 */
public final class Explainer {
    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Comparator.comparingLong(Finding::bytes).reversed()).thenComparing(Finding::id)
            .thenComparing(Finding::title);

    private Explainer() {
    }

    /** Loads the image's layers and explains it with every registered detector. */
    public static Explanation explain(Image image, ExplainOptions options, LoadProgress progress) {
        Pass pass = prepare(options);
        return pass.explain(image, FilesystemLoader.load(image, progress, pass.capture()));
    }

    /**
     * The explanation of another run on the same layers, config and options (a cached one), naming this run's image
     * as its reference was typed.
     */
    public static Explanation rebind(Image image, Explanation x) {
        return new Explanation(image.reference(), x.imageId(), x.dockerfile(), x.dockerfileMatch(), x.summary(),
                x.findings(), x.notes());
    }

    /**
     * An explanation for a caller that loads the layers itself (to measure the same union view too): hand
     * {@link Pass#capture()} to the loader, then call {@link Pass#explain} with the union it built.
     */
    public static Pass prepare(ExplainOptions options) {
        List<Detector> detectors = Detectors.all();
        return new Pass(options, detectors, new CapturedFiles(detectors, options.hash()), PackageScanner.prepare());
    }

    /** One explanation in two steps; see {@link #prepare}. */
    public static final class Pass {
        private final ExplainOptions options;
        private final List<Detector> detectors;
        private final CapturedFiles files;
        private final PackageScanner.Pass packages;
        private final ContentCapture capture;
        private PackageScan scan;

        private Pass(ExplainOptions options, List<Detector> detectors, CapturedFiles files,
                     PackageScanner.Pass packages) {
            this.options = options;
            this.detectors = detectors;
            this.files = files;
            this.packages = packages;
            this.capture = ContentCaptures.both(files, packages.capture());
        }

        /**
         * What the loader must hand over while it reads the layers: the files the detectors read and the package
         * databases.
         */
        public ContentCapture capture() {
            return capture;
        }

        /** Explains the image from the union view loaded with {@link #capture()}. */
        public Explanation explain(Image image, UnionView union) {
            return Explainer.explain(image, union, files, packages(image, union), detectors, options);
        }

        /**
         * The image's packages, from the same pass (computed once; {@link #explain} uses them too), for a caller
         * that also reports or gates on them.
         */
        public synchronized PackageScan packages(Image image, UnionView union) {
            if (scan == null) {
                scan = packages.scan(image, union);
            }
            return scan;
        }

        /**
         * The layer entries of each {@link DropCategory} that the findings explain would report claim (hidden ones
         * included: callers keep what they need), from the union view loaded with {@link #capture()}.
         */
        public Map<DropCategory, Claims> droppable(Image image, UnionView union) {
            return Explainer.droppable(image, union, files, packages(image, union), detectors, options);
        }
    }

    static Explanation explain(Image image, UnionView union, CapturedFiles files, PackageScan packages,
                               List<Detector> detectors, ExplainOptions options) {
        LayerOrigins.Origins origins = LayerOrigins.of(image.config().history(), union.layers().size(), options);
        List<LayerRef> layers = origins.layers();
        ImageFacts facts = new ImageFacts(image.config(), union, files, packages, layers, options);
        Claims all = new Claims(union.layers().size());
        List<Finding> findings = new ArrayList<>();
        for (Detection d : detect(facts, union, detectors)) {
            all.addAll(d.claims());
            findings.add(d.finding());
        }
        findings.sort(ORDER);
        long content = union.contentBytes();
        long saved = all.bytes(union);
        List<Cause> top = new ArrayList<>();
        findings.stream().filter(f -> f.bytes() > 0)
                .sorted(Comparator.comparingLong(Finding::bytes).reversed().thenComparing(ORDER))
                .limit(options.topCauses()).forEach(f -> top.add(new Cause(f.id(), f.title(), f.bytes())));
        Summary summary = new Summary(content, saved, content - saved, findings.size(), top);
        return new Explanation(image.reference(), image.configDigest() == null ? null
                : image.configDigest().toString(), options.dockerfileName(), origins.match(), summary,
                findings, notes(facts, layers));
    }

    /**
     * Every detector's detections, round by round: a later round does not see what earlier rounds claimed, so the
     * same bytes are one finding, not two. Detections that save nothing and are neither context nor risk are left out.
     */
    private static List<Detection> detect(ImageFacts facts, UnionView union, List<Detector> detectors) {
        Claims all = new Claims(union.layers().size());
        List<Detection> kept = new ArrayList<>();
        int lastRound = detectors.stream().mapToInt(Detector::round).max().orElse(0);
        for (int round = 0; round <= lastRound; round++) {
            ImageFacts seen = round == 0 ? facts : facts.without(copy(all, union.layers().size()));
            int r = round;
            // Detectors are stateless and only read the facts: run a round's side by side, keeping registry order.
            List<Detection> detections = detectors.parallelStream().filter(d -> d.round() == r)
                    .map(d -> d.detect(seen)).flatMap(List::stream).toList();
            for (Detection d : detections) {
                Finding f = d.finding();
                if (f.bytes() == 0 && (f.severity() == Severity.LOW || f.severity() == Severity.MEDIUM)) {
                    continue; // waste of nothing (empty files): no finding
                }
                all.addAll(d.claims());
                kept.add(d);
            }
        }
        return kept;
    }

    static Map<DropCategory, Claims> droppable(Image image, UnionView union, CapturedFiles files,
                                               PackageScan packages, List<Detector> detectors,
                                               ExplainOptions options) {
        List<LayerRef> layers = LayerOrigins.of(image.config().history(), union.layers().size(), options).layers();
        ImageFacts facts = new ImageFacts(image.config(), union, files, packages, layers, options);
        Map<DropCategory, Claims> out = new EnumMap<>(DropCategory.class);
        for (Detection d : detect(facts, union, detectors)) {
            String category = d.finding().dropCategory();
            if (category != null) {
                DropCategory c = DropCategory.byId(category).orElseThrow();
                out.computeIfAbsent(c, k -> new Claims(union.layers().size())).addAll(d.claims());
            }
        }
        return out;
    }

    private static Claims copy(Claims claims, int layers) {
        Claims c = new Claims(layers);
        c.addAll(claims);
        return c;
    }

    private static List<String> notes(ImageFacts facts, List<LayerRef> layers) {
        List<String> notes = new ArrayList<>();
        if (facts.files().capped()) {
            notes.add("some files were not read: detectors keep at most " + (CapturedFiles.MAX_TOTAL >> 20)
                    + " MiB of file content; findings that need content may be incomplete");
        }
        if (!layers.isEmpty() && layers.stream().allMatch(l -> History.UNKNOWN.equals(l.instruction()))) {
            notes.add("the image history does not match its layers, so instructions are unknown");
        }
        return notes;
    }
}
