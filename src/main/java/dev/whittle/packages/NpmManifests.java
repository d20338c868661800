package dev.whittle.packages;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /**
     * The parser of manifests and lockfiles, which does not intern field names: a lockfile names every installed
     * package's path as a key (thousands, each its own), and interning each into the JVM's string table cost more
     * than the parse itself (a 1 MB lockfile of 3,000 packages: 5.5-8 ms a parse against 13-14 ms, warm), and let a
     * hostile lockfile fill that table. Names repeated within a parse are still shared (canonicalised).
     */
    static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.INTERN_FIELD_NAMES).build());
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
            if (!atObject(p, notes)) {
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

    /**
     * Reads the document's first token: true at an object; otherwise reads the rest whole, as the tree read did (a
     * broken array or string is not valid JSON and throws), notes "not a JSON object" and gives false.
     */
    private static boolean atObject(JsonParser p, Notes notes) throws IOException {
        JsonToken root = p.nextToken();
        if (root == JsonToken.START_OBJECT) {
            return true;
        }
        if (root != null) {
            p.readValueAsTree();
        }
        notes.add("not a JSON object");
        return false;
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
     * ({@code node_modules/a/node_modules/b}) to true when only dev dependencies need it. Read as it streams: only
     * {@code packages} (lockfile versions 2 and 3) and {@code dependencies} (version 1) and their entries' {@code dev}
     * are kept, every other value is skipped (still parsed through, so a document that is not valid JSON draws the
     * same note as a whole read would). The same answer and notes as reading the whole tree (the definition, in the
     * tests): a repeated field counts by its last value, and {@code packages}, when an object, wins over
     * {@code dependencies}.
     */
    static Map<String, Boolean> devFlags(InputStream in, Notes notes) throws IOException {
        Map<String, Boolean> packages = null; // the last "packages" value, when an object
        Map<String, V1Entry> dependencies = null; // the last "dependencies" value, when an object
        try (JsonParser p = JSON.createParser(in)) {
            if (!atObject(p, notes)) {
                return new HashMap<>();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("packages")) {
                    packages = value == JsonToken.START_OBJECT ? packages(p) : skipped(p);
                } else if (field.equals("dependencies")) {
                    dependencies = value == JsonToken.START_OBJECT ? v1(p) : skipped(p);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            notes.add("not valid JSON: " + firstLine(e.getMessage()));
            return new HashMap<>();
        }
        if (packages != null) {
            return packages;
        }
        Map<String, Boolean> out = new HashMap<>();
        flatten(dependencies, "", out);
        return out;
    }

    /** Skips the value the parser is at; null. */
    private static <T> T skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** Lockfile versions 2 and 3: {@code packages}, each path to its entry ({@code ""} is the project itself). */
    private static Map<String, Boolean> packages(JsonParser p) throws IOException {
        Map<String, Boolean> out = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String path = p.currentName();
            boolean dev = dev(p, p.nextToken());
            if (!path.isEmpty()) {
                out.put(path, dev);
            }
        }
        return out;
    }

    /** The {@code dev} flag of an entry the parser is at (its last {@code dev} field; false when none). */
    private static boolean dev(JsonParser p, JsonToken entry) throws IOException {
        if (entry != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        boolean dev = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("dev")) {
                dev = devValue(p, value);
            } else {
                p.skipChildren();
            }
        }
        return dev;
    }

    /** A {@code dev} field's value as the tree read it ({@code asBoolean(false)}: a number not 0, "true", ...). */
    private static boolean devValue(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            return value == JsonToken.VALUE_TRUE;
        }
        JsonNode n = p.readValueAsTree();
        return n != null && n.asBoolean(false);
    }

    /**
     * An entry of a version 1 lockfile: its dev flag and its own nested {@code dependencies} (null when none or not an
     * object).
     */
    private record V1Entry(boolean dev, Map<String, V1Entry> dependencies) {
    }

    /**
     * Lockfile version 1: nested {@code dependencies}, each possibly with its own nested ones. Kept in the order read,
     * a repeated name in its first place with its last value (as the tree read kept them), so that flattening puts
     * the paths in the order the tree walk did (two entries can name the same path: a name may hold a slash).
     */
    private static Map<String, V1Entry> v1(JsonParser p) throws IOException {
        Map<String, V1Entry> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                out.put(name, new V1Entry(false, null));
                continue;
            }
            boolean dev = false;
            Map<String, V1Entry> nested = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("dev")) {
                    dev = devValue(p, value);
                } else if (field.equals("dependencies")) {
                    nested = value == JsonToken.START_OBJECT ? v1(p) : skipped(p);
                } else {
                    p.skipChildren();
                }
            }
            out.put(name, new V1Entry(dev, nested));
        }
        return out;
    }

    /** Each version 1 entry's path under {@code prefix} to its dev flag, an entry before its nested ones. */
    private static void flatten(Map<String, V1Entry> deps, String prefix, Map<String, Boolean> out) {
        if (deps == null || prefix.length() > 4096) {
            return;
        }
        for (Map.Entry<String, V1Entry> e : deps.entrySet()) {
            String path = prefix + "node_modules/" + e.getKey();
            out.put(path, e.getValue().dev());
            flatten(e.getValue().dependencies(), path + "/", out);
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
