package dev.whittle.packages;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads npm's files: an installed package's {@code node_modules/[@scope/]name/package.json} (name, version, license)
 * and a lockfile ({@code package-lock.json} or npm 7's hidden {@code node_modules/.package-lock.json}) for which
 * installed packages only dev dependencies need ({@code "dev": true}).
 */
final class NpmManifests {
    /** Largest package.json read: real ones are a few KB. */
    static final long MAX_MANIFEST = 4L << 20;
    /** Largest lockfile read. */
    static final long MAX_LOCKFILE = 256L << 20;

    static final ObjectMapper JSON = new ObjectMapper();
    /** The package.json of an installed package: its directory sits right in node_modules (or a scope in it). */
    /**
     * What {@link #isInstalledManifest} accepts, as a regular expression (the definition; the method tests it without
     * one, as it meets every {@code package.json} of every layer).
     */
    static final Pattern INSTALLED = Pattern.compile(".*/node_modules/(@[^/]+/)?[^/@.][^/]*/package\\.json");
    private static final String MANIFEST = "/package.json";
    private static final String NODE_MODULES = "/node_modules/";

    private NpmManifests() {
    }

    /** True for the manifest of a package installed in some {@code node_modules}. */
    static boolean isInstalledManifest(String path) {
        if (!path.endsWith(MANIFEST)) {
            return false;
        }
        int end = path.length() - MANIFEST.length(); // the package directory is path[0, end)
        int slash = path.lastIndexOf('/', end - 1);
        if (slash < 0 || slash + 1 == end) {
            return false;
        }
        char first = path.charAt(slash + 1);
        if (first == '@' || first == '.') {
            return false;
        }
        if (path.startsWith(NODE_MODULES, slash + 1 - NODE_MODULES.length())) {
            return true; // node_modules/NAME
        }
        int scope = path.lastIndexOf('/', slash - 1); // node_modules/@SCOPE/NAME
        return scope >= 0 && slash - scope > 2 && path.charAt(scope + 1) == '@'
                && path.startsWith(NODE_MODULES, scope + 1 - NODE_MODULES.length());
    }

    /**
     * True for a project's lockfile, which Whittle reads dev flags from: {@code package-lock.json} outside any
     * {@code node_modules} (packages that ship their own are not read), or the hidden one in the project's own
     * {@code node_modules}.
     */
    static boolean isLockfile(String path) {
        if (path.endsWith("/node_modules/.package-lock.json")) {
            return path.indexOf("/node_modules/") == path.length() - "/node_modules/.package-lock.json".length();
        }
        return path.endsWith("/package-lock.json") && !path.contains("/node_modules/");
    }

    /** The project directory a lockfile describes: {@code /app} for both lockfiles of {@code /app}. */
    static String lockfileProject(String path) {
        String dir = path.substring(0, path.lastIndexOf('/'));
        if (path.endsWith("/node_modules/.package-lock.json")) {
            dir = dir.substring(0, dir.lastIndexOf('/'));
        }
        return dir.isEmpty() ? "/" : dir;
    }

    /**
     * The package a manifest declares, or null (with a note) when it is not a package's manifest. Read as it streams:
     * the three fields it uses are kept, every other value is skipped (still parsed through, so a document that is
     * not valid JSON draws the same note as a whole read would), and only a license that is not a plain string
     * becomes a tree. The same answer and notes as reading the whole tree (the definition, in the tests).
     */
    static FoundPackage manifest(InputStream in, String path, Notes notes) throws IOException {
        String name = null;
        String version = null;
        JsonNode license = null;
        JsonNode licenses = null;
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken root = p.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    p.readValueAsTree(); // read whole, as before: a broken array or string is not valid JSON
                }
                notes.add("not a JSON object");
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "name" -> name = string(p, value);
                    case "version" -> version = string(p, value);
                    case "license" -> license = value == JsonToken.VALUE_STRING ? TextNode.valueOf(p.getText())
                            : p.readValueAsTree();
                    case "licenses" -> licenses = p.readValueAsTree();
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            notes.add("not valid JSON: " + firstLine(e.getMessage()));
            return null;
        }
        String dir = path.substring(0, path.length() - "/package.json".length());
        if (name == null || version == null) {
            // npm itself lists such a directory by its folder name; without a version it is no installable package
            notes.add("no " + (name == null ? "name" : "version") + " field, skipped");
            return null;
        }
        return new FoundPackage(Ecosystem.NPM, name, version, null, license(license, licenses), List.of(), List.of(),
                List.of(), -1, false, null, dir);
    }

    /** A field's value as {@link #text} reads it: a string not blank, else null (any other value skipped). */
    private static String string(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            String s = p.getText();
            return s.isBlank() ? null : s;
        }
        p.skipChildren();
        return null;
    }

    /**
     * The dev flags of a lockfile: each installed package's path relative to the project
     * ({@code node_modules/a/node_modules/b}) to true when only dev dependencies need it.
     */
    static Map<String, Boolean> devFlags(InputStream in, Notes notes) throws IOException {
        Map<String, Boolean> out = new HashMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            notes.add("not valid JSON: " + firstLine(e.getMessage()));
            return out;
        }
        if (root == null || !root.isObject()) {
            notes.add("not a JSON object");
            return out;
        }
        JsonNode packages = root.get("packages");
        if (packages != null && packages.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().isEmpty()) {
                    out.put(e.getKey(), e.getValue().path("dev").asBoolean(false));
                }
            }
            return out;
        }
        v1(root.get("dependencies"), "", out);
        return out;
    }

    /** Lockfile version 1: nested {@code dependencies}, each possibly with its own nested ones. */
    private static void v1(JsonNode deps, String prefix, Map<String, Boolean> out) {
        if (deps == null || !deps.isObject() || prefix.length() > 4096) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + "node_modules/" + e.getKey();
            out.put(path, e.getValue().path("dev").asBoolean(false));
            v1(e.getValue().get("dependencies"), path + "/", out);
        }
    }

    /** The license of a manifest whose {@code license} and {@code licenses} fields are these (null when absent). */
    static String license(JsonNode l, JsonNode ls) {
        if (l != null && l.isTextual()) {
            return l.asText();
        }
        if (l != null && l.isObject()) {
            return text(l.get("type"));
        }
        if (ls != null && ls.isArray() && ls.size() > 0) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode x : ls) {
                String t = x.isTextual() ? x.asText() : text(x.get("type"));
                if (t != null) {
                    sb.append(sb.length() == 0 ? "" : " OR ").append(t);
                }
            }
            return sb.length() == 0 ? null : sb.toString();
        }
        return null;
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The path of a package directory relative to its project: {@code node_modules/a/node_modules/b}. */
    static String relativeToProject(String dir, String project) {
        String p = project.equals("/") ? "" : project;
        return dir.startsWith(p + "/") ? dir.substring(p.length() + 1) : null;
    }

    /** The project a package directory belongs to: the directory holding its outermost {@code node_modules}. */
    static String project(String dir) {
        int i = dir.indexOf("/node_modules/");
        String p = i <= 0 ? "/" : dir.substring(0, i);
        return p;
    }
}
