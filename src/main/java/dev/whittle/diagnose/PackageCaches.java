package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * WX001: package-manager caches, indexes and logs shipped in a layer (apt lists and caches, apk, npm, yarn, pnpm, pip,
 * go build cache, Maven, Gradle, yum/dnf, /tmp). Counts every copy a layer ships, also when a later layer deletes
 * it: the bytes are in the adding layer either way. One finding per kind and layer.
 */
final class PackageCaches implements Detector {
    static final String ID = "WX001";
    private static final String HOME = "^(?:/root|/home/[^/]+)";

    /** One kind of cache: where it lives, the {@code slim --drop} category it belongs to, how to keep it out. */
    private record Kind(String name, DropCategory category, Pattern where, Function<LayerRef, String> fix, String caveat) {
        boolean matches(String path) {
            return where.matcher(path).find();
        }
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("apt package lists", DropCategory.APT_LISTS, Pattern.compile("^/var/lib/apt/lists/"), l -> sameRun(l,
                    RunLine.append(RunLine.addFlag(RunLine.of(l), "apt-get install", "--no-install-recommends"),
                            "rm -rf /var/lib/apt/lists/*")),
                    "--no-install-recommends also drops recommended packages; add back any you need by name."),
            new Kind("apt caches", DropCategory.PACKAGE_CACHES, Pattern.compile("^/var/cache/apt/"), l -> sameRun(l,
                    RunLine.append(RunLine.of(l), "apt-get clean")),
                    "apt-get clean removes downloaded .debs; the *.bin caches are rebuilt by the next apt-get update."),
            new Kind("apt and dpkg logs", DropCategory.LOGS, Pattern.compile("^/var/log/(?:apt/|dpkg\\.log|alternatives\\.log)"),
                    l -> sameRun(l, RunLine.append(RunLine.of(l),
                            "rm -rf /var/log/apt/* /var/log/dpkg.log /var/log/alternatives.log")), null),
            new Kind("apk cache", DropCategory.PACKAGE_CACHES, Pattern.compile("^/(?:var/cache/apk|etc/apk/cache)/"),
                    l -> "Install with `apk add --no-cache ...` (" + RunLine.where(l) + "): the index and packages are"
                            + " never written.", null),
            new Kind("npm cache", DropCategory.LANGUAGE_CACHES, Pattern.compile(HOME + "/\\.npm/"), l -> sameRun(l,
                    RunLine.append(RunLine.of(l), "npm cache clean --force"))
                    + " Or keep the cache out of the image with `RUN --mount=type=cache,target=/root/.npm ...`.",
                    null),
            new Kind("yarn cache", DropCategory.LANGUAGE_CACHES, Pattern.compile("(?:" + HOME + "/\\.cache/yarn/|^/usr/local/share/\\.cache/yarn/|"
                    + HOME + "/\\.yarn/berry/cache/)"), l -> sameRun(l, RunLine.append(RunLine.of(l),
                    "yarn cache clean")) + " Or use `RUN --mount=type=cache,target=/usr/local/share/.cache/yarn`.",
                    null),
            new Kind("pnpm store", DropCategory.LANGUAGE_CACHES, Pattern.compile("(?:" + HOME + "/\\.local/share/pnpm/store/|/\\.pnpm-store/|"
                    + HOME + "/\\.cache/pnpm/)"), l -> sameRun(l, RunLine.append(RunLine.of(l), "pnpm store prune"))
                    + " Or mount the store as a build cache (`RUN --mount=type=cache,target=/root/.local/share/pnpm/"
                    + "store`).", null),
            new Kind("pip cache", DropCategory.LANGUAGE_CACHES, Pattern.compile("(?:" + HOME + "/\\.cache/pip/|^/(?:tmp|wheels?)/.*\\.whl$)"),
                    l -> "Install with `pip install --no-cache-dir ...` (" + RunLine.where(l) + "), or mount the"
                            + " cache: `RUN --mount=type=cache,target=/root/.cache/pip pip install ...`.", null),
            new Kind("Go build cache", DropCategory.LANGUAGE_CACHES, Pattern.compile(HOME + "/\\.cache/go-build/"),
                    l -> "Build in a builder stage and copy only the binary, or mount the cache (`RUN"
                            + " --mount=type=cache,target=/root/.cache/go-build go build ...`, " + RunLine.where(l)
                            + ").", null),
            new Kind("Maven repository", DropCategory.LANGUAGE_CACHES, Pattern.compile(HOME + "/\\.m2/repository/"),
                    l -> "Build in a builder stage and copy only the artifact, or mount the repository (`RUN"
                            + " --mount=type=cache,target=/root/.m2 mvn ...`, " + RunLine.where(l) + ").",
                    "A runtime that resolves dependencies at start-up needs them: copy the resolved jars instead."),
            new Kind("Gradle caches", DropCategory.LANGUAGE_CACHES, Pattern.compile(HOME + "/\\.gradle/caches/"),
                    l -> "Build in a builder stage and copy only the artifact, or mount the cache (`RUN"
                            + " --mount=type=cache,target=/root/.gradle gradle ...`, " + RunLine.where(l) + ").",
                    null),
            new Kind("yum/dnf cache", DropCategory.PACKAGE_CACHES, Pattern.compile("^/var/cache/(?:yum|dnf)/"), l -> sameRun(l,
                    RunLine.append(RunLine.of(l), "yum clean all && rm -rf /var/cache/yum /var/cache/dnf")), null),
            new Kind("temporary files", DropCategory.TMP, Pattern.compile("^/(?:var/)?tmp/"),
                    l -> "Delete them in the same RUN that writes them (" + RunLine.where(l) + "), or write them to a"
                            + " `RUN --mount=type=tmpfs,target=/tmp`.", null));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "package-manager caches and temporary files shipped";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<String, EvidenceBuilder> byKindAndLayer = new LinkedHashMap<>();
        Map<String, Kind> kindOf = new LinkedHashMap<>();
        facts.forEachFile((layer, row, pathId, bytes, hiddenBy) -> {
            String path = facts.path(pathId);
            if (!mayBeCache(path)) {
                return;
            }
            for (Kind k : KINDS) {
                if (k.matches(path)) {
                    String key = k.name() + "\u0000" + layer;
                    kindOf.put(key, k);
                    byKindAndLayer.computeIfAbsent(key, x -> new EvidenceBuilder(facts))
                            .add(layer, row, pathId, bytes, hiddenBy);
                    return;
                }
            }
        });
        List<Detection> out = new ArrayList<>();
        byKindAndLayer.forEach((key, b) -> {
            Kind k = kindOf.get(key);
            LayerRef layer = b.evidence().get(0).layer();
            List<String> caveats = new ArrayList<>();
            if (k.caveat() != null) {
                caveats.add(k.caveat());
            }
            String deleted = deletedLater(b.evidence());
            if (deleted != null) {
                caveats.add(deleted);
            }
            out.add(b.detection(ID, k.name() + " shipped in layer " + layer.index(),
                    Severity.ofShare(b.bytes(), facts.contentBytes()), k.fix().apply(layer), caveats, k.category()));
        });
        return out;
    }

    /** A cheap first test (most files are under /usr): could any kind's pattern match? */
    private static boolean mayBeCache(String path) {
        return path.startsWith("/var/") || path.startsWith("/root/") || path.startsWith("/home/")
                || path.startsWith("/tmp/") || path.startsWith("/etc/apk/") || path.startsWith("/wheel")
                || path.startsWith("/usr/local/share/.cache/") || path.contains("/.pnpm-store/");
    }

    private static String deletedLater(List<Evidence> evidence) {
        for (Evidence e : evidence) {
            if (e.hiddenBy() != null) {
                return "A later layer (" + e.hiddenBy().index() + ", " + e.hiddenBy().instruction() + ") deletes or"
                        + " replaces some of these files, but that cannot shrink the layer that added them.";
            }
        }
        return null;
    }

    private static String sameRun(LayerRef layer, String newRun) {
        if (!RunLine.isRun(layer)) {
            return "Remove these files in the step that creates them (" + RunLine.where(layer) + ").";
        }
        return "Clean up in the same RUN (" + RunLine.where(layer) + "): `" + newRun + "`.";
    }
}
