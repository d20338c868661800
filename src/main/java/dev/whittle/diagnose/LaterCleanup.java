package dev.whittle.diagnose;

import dev.whittle.fs.HideReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * WX002: bytes one layer adds and a later layer deletes or overwrites: shipped, never visible. One finding per
 * (adding layer, hiding layer). A COPY that replaces build output an earlier RUN made (the host's
 * {@code node_modules} over the one {@code npm install} built) is its own finding, pointing at {@code .dockerignore}.
 * Not reported here: system state files installs rewrite, dependency manifests copied twice on purpose, and
 * metadata-only copies (WX003).
 */
final class LaterCleanup implements Detector {
    static final String ID = "WX002";
    private static final Set<String> BUILD_OUTPUT = Set.of("node_modules", "dist", "build", "target", ".venv",
            "venv", "__pycache__", ".next", ".gradle");
    private static final Pattern RM = Pattern.compile("\\brm\\s+(?:-[a-zA-Z]+\\s+)*[^&;|]+");
    /** Up to this many small pairs are reported one by one; more become one finding. */
    static final int OWN_FINDINGS = 3;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int round() {
        return 1;
    }

    @Override
    public String name() {
        return "files deleted or overwritten by a later layer";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        // First pass: each generic (adding layer, hiding layer) pair's bytes, to tell the pairs worth a finding of
        // their own from the long tail, which becomes one finding (an image of 30 layers can have hundreds of pairs).
        Map<Long, long[]> pairBytes = new HashMap<>();
        facts.forEachFile((layer, row, pathId, bytes, by) -> {
            Hidden h = hidden(facts, layer, row, pathId, by);
            if (h != null && h.outputDir() == null) {
                pairBytes.computeIfAbsent(h.key(), k -> new long[1])[0] += bytes;
            }
        });
        Set<Long> tail = tail(pairBytes, facts.contentBytes());
        EvidenceBuilder merged = new EvidenceBuilder(facts);
        Map<Long, EvidenceBuilder> generic = new LinkedHashMap<>();
        Map<Long, EvidenceBuilder> output = new LinkedHashMap<>();
        Map<Long, Set<String>> outputDirs = new LinkedHashMap<>();
        Map<Long, long[]> deletedBytes = new LinkedHashMap<>();
        facts.forEachFile((layer, row, pathId, bytes, by) -> {
            Hidden h = hidden(facts, layer, row, pathId, by);
            if (h == null) {
                return;
            }
            if (h.outputDir() != null) {
                // one finding per copy: its fix (a .dockerignore line) is the same whatever layers it hid
                output.computeIfAbsent((long) by, k -> new EvidenceBuilder(facts)).add(layer, row, pathId, bytes, by);
                outputDirs.computeIfAbsent((long) by, k -> new TreeSet<>()).add(h.outputDir());
            } else if (tail.contains(h.key())) {
                merged.add(layer, row, pathId, bytes, by);
            } else {
                generic.computeIfAbsent(h.key(), k -> new EvidenceBuilder(facts)).add(layer, row, pathId, bytes, by);
                if (!h.overwritten()) {
                    deletedBytes.computeIfAbsent(h.key(), k -> new long[1])[0] += bytes;
                }
            }
        });
        List<Detection> out = new ArrayList<>();
        output.forEach((key, b) -> out.add(buildOutput(facts, b, outputDirs.get(key))));
        generic.forEach((key, b) -> {
            long deleted = deletedBytes.getOrDefault(key, new long[1])[0];
            out.add(generic(facts, b, deleted * 2 >= b.bytes()));
        });
        if (!merged.isEmpty()) {
            out.add(merged(facts, merged, tail.size()));
        }
        return out;
    }

    /** A hidden file this detector reports: its pair key, whether it was overwritten, its build-output dir. */
    private record Hidden(long key, boolean overwritten, String outputDir) {
    }

    /** The file as this detector sees it, or null when it is visible or not this detector's to report. */
    private static Hidden hidden(ImageFacts facts, int layer, int row, int pathId, int by) {
        if (by < 0 || by == layer) {
            return null;
        }
        HideReason reason = facts.union().hideReason(layer, row);
        String path = facts.path(pathId);
        LayerRef hider = facts.ref(by);
        if (reason == HideReason.OVERWRITTEN && (Overwrites.isStateFile(path)
                || (Overwrites.isManifest(path) && Overwrites.isCopy(hider) && outputDir(path) == null)
                || Overwrites.isMetadataCopy(facts, layer, row))) {
            return null;
        }
        String dir = Overwrites.isCopy(hider) && !Overwrites.isCopy(facts.ref(layer)) ? outputDir(path) : null;
        return new Hidden(((long) layer << 32) | by, reason == HideReason.OVERWRITTEN, dir);
    }

    /**
     * The pairs merged into one finding: those under 1% of the image each (low severity on their own), when there
     * are more than {@value #OWN_FINDINGS} of them; a handful of small pairs still read best one by one.
     */
    private static Set<Long> tail(Map<Long, long[]> pairBytes, long content) {
        Set<Long> small = new HashSet<>();
        pairBytes.forEach((key, bytes) -> {
            if (Severity.ofShare(bytes[0], content) == Severity.LOW) {
                small.add(key);
            }
        });
        return small.size() > OWN_FINDINGS ? small : Set.of();
    }

    /** The build-output directory a path is inside ({@code /app/node_modules}), or null. */
    private static String outputDir(String path) {
        int start = 1;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                return null;
            }
            if (BUILD_OUTPUT.contains(path.substring(start, slash))) {
                return path.substring(0, slash);
            }
            start = slash + 1;
        }
    }

    private static Detection buildOutput(ImageFacts facts, EvidenceBuilder b, Set<String> dirs) {
        Evidence e = b.evidence().get(0);
        String base = dirs.stream().map(d -> d.substring(d.lastIndexOf('/') + 1)).distinct()
                .reduce((x, y) -> x + ", " + y).orElse("");
        List<Integer> made = b.evidence().stream().map(x -> x.layer().index()).distinct().sorted().toList();
        String names = String.join(", ", dirs);
        String title = e.hiddenBy().instruction() + " (layer " + e.hiddenBy().index() + ") copied the build context's "
                + base + " over what " + (made.size() == 1 ? e.layer().instruction() + " (layer " + e.layer().index()
                + ") made" : "layers " + made.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " made");
        StringBuilder fix = new StringBuilder("Keep host build output out of the build context: add ");
        fix.append(String.join(", ", dirs.stream().map(d -> d.substring(d.lastIndexOf('/') + 1) + "/").distinct()
                .toList())).append(" to .dockerignore");
        fix.append(dockerignoreStatus(facts, base));
        fix.append(". The copy ").append(RunLine.where(e.hiddenBy())).append(" then no longer replaces ").append(names)
                .append(", and the image ships one copy, the one built for it.");
        return b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix.toString(), List.of(
                "Native modules built on the host (macOS, Windows, another libc) may not even run in the image; the"
                        + (made.size() == 1 ? " one " + e.layer().instruction() + " built is the right one to keep."
                        : " ones the image's own steps built are the right ones to keep.")));
    }

    private static String dockerignoreStatus(ImageFacts facts, String base) {
        ExplainOptions o = facts.options();
        if (o.context() == null) {
            return "";
        }
        if (o.dockerignore() == null) {
            return " (" + o.context() + " has no .dockerignore yet)";
        }
        for (String dir : base.split(", ")) {
            if (!o.dockerignore().lines().map(String::strip).anyMatch(l -> l.matches("(?:\\*\\*/)?/?" + Pattern.quote(dir)
                    + "/?(?:\\*\\*)?"))) {
                return " (" + o.context() + "/.dockerignore does not exclude " + dir + ")";
            }
        }
        return " (" + o.context() + "/.dockerignore lists it: was the image built from this context?)";
    }

    private static Detection generic(ImageFacts facts, EvidenceBuilder b, boolean mostlyDeleted) {
        Evidence e = b.evidence().get(0);
        LayerRef adder = e.layer();
        LayerRef hider = e.hiddenBy();
        String verb = mostlyDeleted ? "deletes" : "overwrites";
        String title = "layer " + adder.index() + " ships " + b.files() + (b.files() == 1 ? " file" : " files")
                + " that layer " + hider.index() + " " + verb;
        String fix;
        Matcher rm = RM.matcher(RunLine.of(hider));
        if (verb.equals("deletes") && RunLine.isRun(adder) && RunLine.isRun(hider) && rm.find()) {
            fix = "Delete them in the same RUN that creates them, so they never reach a layer: move `" + rm.group().strip()
                    + "` from " + RunLine.where(hider) + " into " + RunLine.where(adder) + ": `"
                    + RunLine.append(RunLine.of(adder), rm.group().strip()) + "`.";
        } else if (verb.equals("deletes") && Overwrites.isCopy(adder)) {
            fix = "Keep these files out of the build context with .dockerignore instead of deleting them in "
                    + RunLine.where(hider) + ": a deletion in a later layer cannot shrink the layer that added them.";
        } else if (verb.equals("deletes")) {
            fix = "Remove them in the step that creates them (" + RunLine.where(adder) + ") instead of in "
                    + RunLine.where(hider) + ": a deletion in a later layer cannot shrink the layer that added them.";
        } else {
            fix = "Create these files once, in their final form: " + RunLine.where(hider) + " replaces what "
                    + RunLine.where(adder) + " wrote, so both copies ship. Merge the two steps, or drop the first.";
        }
        return b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix, List.of());
    }

    private static Detection merged(ImageFacts facts, EvidenceBuilder b, int pairs) {
        String title = String.format(Locale.ROOT, "%d smaller layer pairs (each under 1%% of the image) ship %,d files"
                + " that a later layer deletes or overwrites", pairs, b.files());
        String fix = "The same two mistakes, smaller: a file deleted in a later step still ships in the layer that"
                + " added it, so remove it in the step that creates it; a file written twice ships twice, so create"
                + " it once, in its final form. The largest pairs are listed first.";
        return b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix, List.of());
    }
}
