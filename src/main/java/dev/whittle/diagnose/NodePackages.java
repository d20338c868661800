package dev.whittle.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The npm packages installed under one app directory, read from their {@code package.json} files, with Node's
 * resolution ({@code require} looks in {@code node_modules} of the requiring package, then of each parent), so the
 * packages reachable from the app's {@code dependencies} can be told from those only {@code devDependencies} need.
 */
final class NodePackages {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One installed package: its directory (no trailing slash), name and runtime dependencies. */
    record Pkg(String dir, String name, List<String> deps) {
    }

    private final String appDir;
    private final Map<String, Pkg> byDir = new LinkedHashMap<>();

    NodePackages(String appDir) {
        this.appDir = appDir;
    }

    /** Parses a {@code package.json}; null when it is not valid JSON. */
    static JsonNode parse(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The names under the given keys ({@code dependencies}, {@code devDependencies}, ...). */
    static List<String> names(JsonNode pkg, String... keys) {
        List<String> out = new ArrayList<>();
        for (String key : keys) {
            JsonNode deps = pkg.get(key);
            if (deps != null && deps.isObject()) {
                for (Iterator<String> it = deps.fieldNames(); it.hasNext(); ) {
                    out.add(it.next());
                }
            }
        }
        return out;
    }

    /** The runtime dependencies of a package: what {@code npm ci --omit=dev} installs for it. */
    static List<String> runtimeDeps(JsonNode pkg) {
        return names(pkg, "dependencies", "optionalDependencies", "peerDependencies");
    }

    /** Adds an installed package from its {@code package.json} at {@code dir/package.json}. */
    void add(String dir, JsonNode pkg) {
        String name = pkg.path("name").asText(dir.substring(dir.lastIndexOf('/') + 1));
        byDir.put(dir, new Pkg(dir, name, runtimeDeps(pkg)));
    }

    Map<String, Pkg> packages() {
        return byDir;
    }

    /** The package directories reachable from {@code roots}, required from the app directory. */
    Set<String> closure(List<String> roots) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String[]> todo = new ArrayDeque<>();
        roots.forEach(r -> todo.add(new String[] {appDir, r}));
        while (!todo.isEmpty()) {
            String[] next = todo.poll();
            String dir = resolve(next[0], next[1]);
            if (dir != null && seen.add(dir)) {
                byDir.get(dir).deps().forEach(d -> todo.add(new String[] {dir, d}));
            }
        }
        return seen;
    }

    /** Node's lookup of {@code name} from a package directory: its node_modules, then each parent's. */
    String resolve(String from, String name) {
        String dir = from;
        while (dir.length() >= appDir.length()) {
            if (!dir.endsWith("/node_modules")) {
                String candidate = dir + "/node_modules/" + name;
                if (byDir.containsKey(candidate)) {
                    return candidate;
                }
            }
            int slash = dir.lastIndexOf('/');
            if (slash <= 0) {
                break;
            }
            dir = dir.substring(0, slash);
        }
        return null;
    }

    /** The installed package a file belongs to (the deepest package directory above it), or null. */
    String owner(String path) {
        String dir = path;
        while (true) {
            int slash = dir.lastIndexOf('/');
            if (slash <= appDir.length()) {
                return null;
            }
            dir = dir.substring(0, slash);
            if (byDir.containsKey(dir)) {
                return dir;
            }
        }
    }

    /** True for a {@code package.json} at the root of a package inside {@code node_modules}. */
    static boolean isPackageRoot(String path) {
        if (!path.endsWith("/package.json")) {
            return false;
        }
        String dir = path.substring(0, path.length() - "/package.json".length());
        int slash = dir.lastIndexOf('/');
        if (slash < 0) {
            return false;
        }
        String parent = dir.substring(0, slash);
        if (parent.endsWith("/node_modules")) {
            return !dir.substring(slash + 1).startsWith("@") && !dir.substring(slash + 1).startsWith(".");
        }
        int scope = parent.lastIndexOf('/');
        return scope > 0 && parent.charAt(scope + 1) == '@' && parent.substring(0, scope).endsWith("/node_modules");
    }
}
