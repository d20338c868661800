package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WX006: files that should never ship, in the final filesystem: VCS directories, logs, the app's tests, source maps,
 * docs/man pages/locales, editor and OS droppings, core dumps, large media in app directories, and TypeScript
 * sources shipped beside their compiled output. One finding per kind; app-only kinds skip system directories,
 * dependency directories ({@code node_modules}, {@code site-packages}) and tool state under home directories.
 */
final class NeverShip implements Detector {
    static final String ID = "WX006";
    private static final long LARGE_MEDIA = 1L << 20;
    private static final Set<String> SYSTEM = Set.of("usr", "lib", "lib32", "lib64", "libx32", "bin", "sbin", "etc",
            "var", "proc", "sys", "dev", "run", "boot");
    private static final List<String> DEPENDENCIES = List.of("/node_modules/", "/site-packages/", "/dist-packages/",
            "/vendor/", "/.venv/", "/venv/", "/bower_components/");
    private static final Pattern HOME_DOT_DIR = Pattern.compile("^(?:/root|/home/[^/]+)/\\.");
    private static final Pattern VCS = Pattern.compile("/\\.(?:git|svn|hg|bzr)/");
    private static final Pattern LOG = Pattern.compile("(?:\\.log(?:\\.\\d+)?|/logs?/[^/]+)$");
    private static final Pattern SYSTEM_LOG = Pattern.compile("^/var/log/.+\\.log(?:\\.\\d+)?$");
    private static final Pattern PACKAGE_LOG = Pattern.compile("^/var/log/(?:apt/|dpkg\\.log|alternatives\\.log)");
    private static final Pattern TEST = Pattern.compile("/(?:tests?|__tests__|spec)/|\\.(?:test|spec)\\.[cm]?[jt]sx?$"
            + "|/test_[^/]+\\.py$|_test\\.(?:py|go)$");
    private static final Pattern SOURCE_MAP = Pattern.compile("\\.(?:js|mjs|cjs|css)\\.map$");
    private static final Pattern DOCS = Pattern.compile("^/usr/(?:local/)?share/(?:doc|man|info|locale|gtk-doc"
            + "|help)/");
    private static final Pattern DROPPINGS = Pattern.compile("/(?:\\.DS_Store|Thumbs\\.db|desktop\\.ini"
            + "|\\._[^/]+|[^/]+\\.sw[op]|[^/]+~)$|/\\.(?:idea|vscode)/");
    private static final Pattern CORE = Pattern.compile("/core(?:\\.\\d+)?$");
    private static final Pattern MEDIA = Pattern.compile("\\.(?:mp4|mov|avi|mkv|webm|wav|flac|aiff|psd|ai|sketch"
            + "|fig|xcf|iso|dmg|tiff?|raw|cr2|nef)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TS_SOURCE = Pattern.compile("/src/.+\\.tsx?$");
    private static final Set<String> BUILD_DIRS = Set.of("dist", "build", "lib", "out");

    /** One kind of file that should not ship. */
    private enum Kind {
        VCS(DropCategory.VCS,
                "version-control directories", "Add .git (and .svn, .hg) to .dockerignore; the history is not needed to"
                + " run the app.", "If the app reads its version from git at run time, write it to a file at build"
                + " time instead."),
        LOGS(DropCategory.LOGS,
                "log files", "Add *.log and logs/ to .dockerignore, and send logs to stdout/stderr at run time.", null),
        TESTS(DropCategory.TESTS,
                "the app's tests", "Add the test directories and *.test.* files to .dockerignore (or copy only what"
                + " runs: `COPY src/ package*.json ./`).", null),
        SOURCE_MAPS(DropCategory.SOURCE_MAPS,
                "source maps", "Build without source maps for production, or delete *.map after the build in the"
                + " same RUN.", "Keep them if you rely on them for stack traces (node --enable-source-maps) or"
                + " upload them to an error tracker instead."),
        DOCS(DropCategory.DOCS,
                "documentation, man pages and locales", "For packages you install, exclude docs before installing:"
                + " `RUN printf 'path-exclude /usr/share/doc/*\\npath-exclude /usr/share/man/*\\npath-exclude"
                + " /usr/share/locale/*\\n' > /etc/dpkg/dpkg.cfg.d/01-nodoc` (Alpine: skip the *-doc packages); for"
                + " the base image's own, a slim base has fewer.", "Keep the locales your app formats text in, and"
                + " license files your distribution terms require."),
        DROPPINGS(DropCategory.DROPPINGS,
                "editor and OS droppings", "Add .DS_Store, Thumbs.db, *.swp, *~, .idea/ and .vscode/ to"
                + " .dockerignore.", null),
        CORE_DUMPS(DropCategory.CORE_DUMPS,
                "core dumps", "Delete them and add core and core.* to .dockerignore; a crash during the build"
                + " left them.", null),
        MEDIA(null,
                "large media files in app directories", "Serve large media from object storage or a CDN, or add them"
                + " to .dockerignore if the app does not use them.", "Check that the app does not read them at run"
                + " time."),
        TS_SOURCES(null,
                "TypeScript sources shipped beside their compiled output", "Copy only the compiled output into"
                + " the final image: build in a builder stage and `COPY --from=build /app/dist ./dist`, or add src/ to"
                + " .dockerignore after the build stage.", "Source maps that point into src/ lose their sources;"
                + " keep src/ only if you debug in production.");

        /** The {@code slim --drop} category; null for files the app may read at run time. */
        final DropCategory category;
        final String title;
        final String fix;
        final String caveat;

        Kind(DropCategory category, String title, String fix, String caveat) {
            this.category = category;
            this.title = title;
            this.fix = fix;
            this.caveat = caveat;
        }
    }

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
        return "files that should never ship";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<Kind, EvidenceBuilder> byKind = new LinkedHashMap<>();
        facts.forEachVisibleFile((layer, row, pathId, bytes, by) -> {
            Kind k = kind(facts, facts.path(pathId), bytes);
            if (k != null) {
                byKind.computeIfAbsent(k, x -> new EvidenceBuilder(facts)).add(layer, row, pathId, bytes, by);
            }
        });
        List<Detection> out = new ArrayList<>();
        byKind.forEach((k, b) -> {
            LayerRef where = b.evidence().get(0).source();
            String fix = k.fix + " They come with " + where.instruction() + " (" + RunLine.where(where) + ").";
            Severity severity = Severity.ofShare(b.bytes(), facts.contentBytes());
            out.add(b.detection(ID, k.title + " (" + (b.files() == 1 ? "1 file"
                    : String.format(java.util.Locale.ROOT, "%,d files", b.files())) + ")",
                    k == Kind.DOCS || k == Kind.SOURCE_MAPS ? Severity.LOW : severity, fix,
                    k.caveat == null ? List.of() : List.of(k.caveat), k.category));
        });
        return out;
    }

    /** The kind of a final-filesystem file, or null; cheap string tests first, since this sees every file. */
    private static Kind kind(ImageFacts facts, String path, long bytes) {
        boolean dotted = path.contains("/.");
        if (dotted && VCS.matcher(path).find()) {
            return Kind.VCS;
        }
        if (path.startsWith("/usr/")) {
            return (path.startsWith("/usr/share/") || path.startsWith("/usr/local/share/"))
                    && DOCS.matcher(path).find() ? Kind.DOCS : null;
        }
        if (path.startsWith("/var/log/")) {
            return SYSTEM_LOG.matcher(path).find() && !PACKAGE_LOG.matcher(path).find() ? Kind.LOGS : null;
        }
        int slash = path.indexOf('/', 1);
        if ((slash > 0 && SYSTEM.contains(path.substring(1, slash))) || isDependency(path)
                || (dotted && HOME_DOT_DIR.matcher(path).find())) {
            return null;
        }
        return appKind(facts, path, bytes, dotted);
    }

    private static boolean isDependency(String path) {
        for (String d : DEPENDENCIES) {
            if (path.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** The kind of a file in an app directory. */
    private static Kind appKind(ImageFacts facts, String path, long bytes, boolean dotted) {
        if (LOG.matcher(path).find()) {
            return Kind.LOGS;
        }
        if ((dotted || path.endsWith("~") || path.endsWith(".db") || path.endsWith(".ini") || path.endsWith(".swp")
                || path.endsWith(".swo")) && DROPPINGS.matcher(path).find()) {
            return Kind.DROPPINGS;
        }
        if (TEST.matcher(path).find()) {
            return Kind.TESTS;
        }
        if (path.endsWith(".map") && SOURCE_MAP.matcher(path).find()) {
            return Kind.SOURCE_MAPS;
        }
        if (bytes > 0 && path.contains("/core") && CORE.matcher(path).find()) {
            return Kind.CORE_DUMPS;
        }
        if (bytes >= LARGE_MEDIA && MEDIA.matcher(path).find()) {
            return Kind.MEDIA;
        }
        if (path.contains("/src/") && TS_SOURCE.matcher(path).find() && !path.endsWith(".d.ts")
                && besideBuildOutput(facts, path)) {
            return Kind.TS_SOURCES;
        }
        return null;
    }

    /** True when the {@code src/} holding this file has a sibling build directory ({@code dist/}, {@code build/}). */
    private static boolean besideBuildOutput(ImageFacts facts, String path) {
        int src = path.indexOf("/src/");
        String parent = path.substring(0, src);
        for (String d : BUILD_DIRS) {
            if (facts.exists(parent + "/" + d)) {
                return true;
            }
        }
        return false;
    }
}
