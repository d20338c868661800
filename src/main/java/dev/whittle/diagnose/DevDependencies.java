package dev.whittle.diagnose;

import dev.whittle.fs.AbsolutePaths;
import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.packages.InstalledPackage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * WX004: development dependencies in the final image. For each app directory with a {@code package.json} and a
 * {@code node_modules}, the installed packages reachable only from {@code devDependencies} (or from nothing: left
 * over, or for another platform), walking the installed graph through every {@code node_modules/**}/package.json;
 * without a {@code package.json}, well-known build and test tools. Python: test and lint tools in
 * {@code site-packages}, with the files their {@code *.dist-info/RECORD} lists.
 */
final class DevDependencies implements Detector {
    static final String ID = "WX004";
    private static final Set<String> NODE_TOOLS = Set.of("typescript", "jest", "eslint", "webpack", "webpack-cli",
            "vite", "prettier", "mocha", "ts-node", "nodemon", "rollup", "esbuild", "@babel/core", "@babel/cli",
            "ts-jest", "vitest", "karma", "jasmine", "tslint", "husky", "lint-staged");
    private static final Set<String> PY_TOOLS = Set.of("pytest", "pytest-cov", "pytest-mock", "black", "flake8",
            "pyflakes", "pycodestyle", "mccabe", "mypy", "mypy-extensions", "pylint", "astroid", "isort", "coverage",
            "tox", "ruff", "pre-commit", "bandit", "hypothesis", "nox", "ipython", "jedi", "parso");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "development dependencies in the final image";
    }

    @Override
    public boolean wantsContent(String path, long size) {
        if (path.endsWith("/package.json")) {
            return true;
        }
        return path.endsWith(".dist-info/RECORD") && PY_TOOLS.contains(distName(path));
    }

    /** {@code .../site-packages/pytest_cov-4.1.0.dist-info/RECORD} gives {@code pytest-cov}. */
    static String distName(String recordPath) {
        String dir = recordPath.substring(0, recordPath.length() - "/RECORD".length());
        String base = dir.substring(dir.lastIndexOf('/') + 1);
        int dash = base.indexOf('-');
        String name = dash < 0 ? base : base.substring(0, dash);
        return name.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<String, NodePackages> apps = new TreeMap<>();
        Map<String, JsonNode> appJson = new LinkedHashMap<>();
        List<String[]> pythonRecords = new ArrayList<>();
        facts.files().contents().forEach((key, bytes) -> {
            if (!visible(facts, key)) {
                return;
            }
            String path = key.path();
            if (path.endsWith("/RECORD")) {
                pythonRecords.add(new String[] {path, new String(bytes, StandardCharsets.UTF_8)});
                return;
            }
            int nm = path.indexOf("/node_modules/");
            JsonNode json = NodePackages.parse(bytes);
            if (json == null) {
                return;
            }
            if (nm < 0) {
                String dir = path.substring(0, path.length() - "/package.json".length());
                if (facts.exists(dir + "/node_modules")) {
                    appJson.put(dir, json);
                    apps.computeIfAbsent(dir, NodePackages::new);
                }
            } else if (NodePackages.isPackageRoot(path)) {
                String app = path.substring(0, nm);
                apps.computeIfAbsent(app, NodePackages::new)
                        .add(path.substring(0, path.length() - "/package.json".length()), json);
            }
        });
        List<Detection> out = new ArrayList<>();
        apps.forEach((dir, pkgs) -> {
            if (!pkgs.packages().isEmpty() && !dir.contains("/node_modules")) {
                Detection d = node(facts, dir, appJson.get(dir), pkgs);
                if (d != null) {
                    out.add(d);
                }
            }
        });
        Detection py = python(facts, pythonRecords);
        if (py != null) {
            out.add(py);
        }
        return out;
    }

    private static boolean visible(ImageFacts facts, FileKey key) {
        int id = facts.find(key.path());
        return id >= 0 && facts.union().exists(id) && facts.union().providerLayer(id) == key.layer();
    }

    private static Detection node(ImageFacts facts, String app, JsonNode appJson, NodePackages pkgs) {
        Map<String, String> flagged = new LinkedHashMap<>(); // package dir -> why
        if (appJson != null) {
            Set<String> prod = pkgs.closure(NodePackages.runtimeDeps(appJson));
            Set<String> dev = pkgs.closure(NodePackages.names(appJson, "devDependencies"));
            for (String dir : pkgs.packages().keySet()) {
                if (!prod.contains(dir)) {
                    flagged.put(dir, dev.contains(dir) ? "dev" : "not needed by package.json");
                }
            }
        } else {
            pkgs.packages().forEach((dir, p) -> {
                if (NODE_TOOLS.contains(p.name()) || p.name().startsWith("@types/")) {
                    flagged.put(dir, "build/test tool");
                }
            });
        }
        if (flagged.isEmpty()) {
            return null;
        }
        EvidenceBuilder b = new EvidenceBuilder(facts);
        String prefix = app + "/node_modules/";
        Map<String, Long> bytesOf = new java.util.HashMap<>();
        facts.forEachVisibleFile((layer, row, pathId, bytes, by) -> {
            String path = facts.path(pathId);
            if (path.startsWith(prefix)) {
                String owner = pkgs.owner(path);
                if (owner != null && flagged.containsKey(owner)) {
                    b.add(layer, row, bytes, by, owner + "/", flagged.get(owner));
                    bytesOf.merge(owner, bytes, Long::sum);
                }
            }
        });
        if (b.isEmpty()) {
            return null;
        }
        long dev = flagged.values().stream().filter("dev"::equals).count();
        long other = flagged.size() - dev;
        String title = appJson == null
                ? "build and test tools in " + app + "/node_modules (" + flagged.size() + " packages; no package.json"
                        + " to tell dev from prod)"
                : flagged.size() + " packages in " + app + "/node_modules are not production dependencies (" + dev
                        + " only for devDependencies" + (other > 0 ? ", " + other + " needed by nothing" : "") + ")";
        LayerRef where = b.evidence().get(0).source();
        StringBuilder fix = new StringBuilder("Install production dependencies only in the final image: `npm ci"
                + " --omit=dev` (or `yarn install --production`, `pnpm install --prod`), and build in a separate stage:"
                + " `FROM node AS build` runs the full install and the build, the final stage copies `--from=build`"
                + " only the build output.");
        if (Overwrites.isCopy(where)) {
            fix.append(" Here the packages arrive with ").append(where.instruction()).append(" (")
                    .append(RunLine.where(where)).append("): add node_modules/ to .dockerignore.");
        } else if (RunLine.isRun(where)) {
            fix.append(" Here they come from ").append(RunLine.where(where)).append(": `")
                    .append(RunLine.of(where).replace("npm install", "npm ci --omit=dev")).append("`.");
        }
        List<String> caveats = new ArrayList<>(List.of("A package listed in devDependencies but required at run time"
                + " breaks the app once dev dependencies are gone: move it to dependencies first."));
        if (other > 0) {
            caveats.add("Packages needed by nothing are left over from earlier installs or meant for another platform"
                    + " (fsevents is macOS-only); `npm prune --omit=dev` removes them.");
        }
        Detection d = b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix.toString(),
                caveats);
        return cite(facts, d, "npm", flagged, bytesOf);
    }

    /**
     * The detection citing the installed packages behind it (found by their directory in the package scan), each
     * with the bytes this finding claims in it and why it is flagged.
     */
    private static Detection cite(ImageFacts facts, Detection d, String ecosystem, Map<String, String> why,
                                  Map<String, Long> bytesOf) {
        Map<String, InstalledPackage> byLocation = new java.util.HashMap<>();
        for (InstalledPackage p : facts.packages().inventory().packages()) {
            if (p.ecosystem().equals(ecosystem)) {
                byLocation.put(p.location(), p);
            }
        }
        List<CitedPackage> cited = new ArrayList<>();
        bytesOf.forEach((dir, bytes) -> {
            InstalledPackage p = byLocation.get(dir);
            if (p != null) {
                cited.add(new CitedPackage(p.ecosystem(), p.name(), p.version(), p.purl(), facts.ref(p.layer()),
                        bytes, why.get(dir)));
            }
        });
        cited.sort(java.util.Comparator.comparingLong(CitedPackage::bytes).reversed()
                .thenComparing(CitedPackage::name).thenComparing(CitedPackage::version,
                        java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return new Detection(d.finding().withPackages(cited), d.claims());
    }

    private static Detection python(ImageFacts facts, List<String[]> records) {
        if (records.isEmpty()) {
            return null;
        }
        EvidenceBuilder b = new EvidenceBuilder(facts);
        Set<String> tools = new java.util.TreeSet<>();
        Map<String, Long> bytesOf = new java.util.HashMap<>();
        Map<String, String> why = new java.util.HashMap<>();
        for (String[] r : records) {
            String distInfo = r[0].substring(0, r[0].length() - "/RECORD".length());
            why.put(distInfo, "test or lint tool");
            String sitePackages = distInfo.substring(0, distInfo.lastIndexOf('/'));
            String tool = distName(r[0]);
            Set<String> seen = new HashSet<>();
            for (String line : r[1].split("\n")) {
                int comma = line.indexOf(',');
                String rel = comma < 0 ? line.strip() : line.substring(0, comma);
                if (rel.isEmpty()) {
                    continue;
                }
                String path = AbsolutePaths.normalise(sitePackages + "/" + rel);
                int id = facts.find(path);
                if (id < 0 || !facts.union().exists(id) || !seen.add(path)) {
                    continue;
                }
                int layer = facts.union().providerLayer(id);
                int row = facts.union().providerRow(id);
                if (facts.layer(layer).type(row) == dev.whittle.fs.EntryType.FILE) {
                    tools.add(tool);
                    long size = facts.layer(layer).contentBytes(row);
                    if (!b.claims().contains(layer, row)) {
                        bytesOf.merge(distInfo, size, Long::sum);
                    }
                    b.add(layer, row, size, -1, groupOf(sitePackages, path), tool);
                }
            }
        }
        if (b.isEmpty()) {
            return null;
        }
        return cite(facts, b.detection(ID, "Python test and lint tools installed: " + String.join(", ", tools),
                Severity.ofShare(b.bytes(), facts.contentBytes()), "Keep test and lint tools out of the runtime"
                        + " requirements: install them from a separate file (requirements-dev.txt, a dev extra or a"
                        + " Poetry group) only in a test or build stage, and `pip install --no-cache-dir -r"
                        + " requirements.txt` in the final one.", List.of("Check that nothing imports them at run"
                        + " time (pytest plugins loaded by the app, IPython used for a debug shell).")), "pypi", why,
                bytesOf);
    }

    /** Groups a file by its top-level directory under site-packages ({@code .../site-packages/_pytest/}). */
    private static String groupOf(String sitePackages, String path) {
        if (!path.startsWith(sitePackages + "/")) {
            return path;
        }
        String rest = path.substring(sitePackages.length() + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? path : sitePackages + "/" + rest.substring(0, slash + 1);
    }
}
