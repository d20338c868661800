package dev.whittle.diagnose;

import dev.whittle.fs.HideReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "files deleted or overwritten by a later layer";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<Long, EvidenceBuilder> generic = new LinkedHashMap<>();
        Map<Long, EvidenceBuilder> output = new LinkedHashMap<>();
        Map<Long, Set<String>> outputDirs = new LinkedHashMap<>();
        Map<Long, long[]> deletedBytes = new LinkedHashMap<>();
        facts.forEachFile((layer, row, pathId, bytes, by) -> {
            if (by < 0 || by == layer) {
                return;
            }
            HideReason reason = facts.union().hideReason(layer, row);
            String path = facts.path(pathId);
            LayerRef hider = facts.ref(by);
            if (reason == HideReason.OVERWRITTEN && (Overwrites.isStateFile(path)
                    || (Overwrites.isManifest(path) && Overwrites.isCopy(hider) && outputDir(path) == null)
                    || Overwrites.isMetadataCopy(facts, layer, row))) {
                return;
            }
            long key = ((long) layer << 32) | by;
            String dir = Overwrites.isCopy(hider) && !Overwrites.isCopy(facts.ref(layer)) ? outputDir(path) : null;
            if (dir != null) {
                output.computeIfAbsent(key, k -> new EvidenceBuilder(facts)).add(layer, row, pathId, bytes, by);
                outputDirs.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(dir);
            } else {
                generic.computeIfAbsent(key, k -> new EvidenceBuilder(facts)).add(layer, row, pathId, bytes, by);
                if (reason != HideReason.OVERWRITTEN) {
                    deletedBytes.computeIfAbsent(key, k -> new long[1])[0] += bytes;
                }
            }
        });
        List<Detection> out = new ArrayList<>();
        output.forEach((key, b) -> out.add(buildOutput(facts, b, outputDirs.get(key))));
        generic.forEach((key, b) -> {
            long deleted = deletedBytes.getOrDefault(key, new long[1])[0];
            out.add(generic(facts, b, deleted * 2 >= b.bytes()));
        });
        return out;
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
        String names = String.join(", ", dirs);
        String base = dirs.stream().map(d -> d.substring(d.lastIndexOf('/') + 1)).distinct()
                .reduce((x, y) -> x + ", " + y).orElse("");
        String title = e.hiddenBy().instruction() + " (layer " + e.hiddenBy().index() + ") copied the build context's "
                + base + " over what " + e.layer().instruction() + " (layer " + e.layer().index() + ") made";
        StringBuilder fix = new StringBuilder("Keep host build output out of the build context: add ");
        fix.append(String.join(", ", dirs.stream().map(d -> d.substring(d.lastIndexOf('/') + 1) + "/").distinct()
                .toList())).append(" to .dockerignore");
        fix.append(dockerignoreStatus(facts, base));
        fix.append(". The copy ").append(RunLine.where(e.hiddenBy())).append(" then no longer replaces ").append(names)
                .append(", and the image ships one copy, the one built for it.");
        return b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix.toString(), List.of(
                "Native modules built on the host (macOS, Windows, another libc) may not even run in the image; the"
                        + " one " + e.layer().instruction() + " built is the right one to keep."));
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
}
