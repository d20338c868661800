package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Python's installed-distribution metadata: {@code *.dist-info/METADATA} and {@code *.egg-info/PKG-INFO}
 * (e-mail style headers: {@code Name}, {@code Version}, {@code License-Expression} or {@code License}), a wheel's
 * {@code RECORD} (CSV, paths relative to the directory holding the dist-info) and an egg's
 * {@code installed-files.txt} (paths relative to the egg-info directory).
 */
final class PythonMetadata {
    private PythonMetadata() {
    }

    /** True for a file this reader takes metadata from. */
    static boolean isMetadata(String path) {
        return path.endsWith(".dist-info/METADATA") || path.endsWith(".egg-info/PKG-INFO");
    }

    /** True for a file list this reader reads. */
    static boolean isFileList(String path) {
        return path.endsWith(".dist-info/RECORD") || path.endsWith(".egg-info/installed-files.txt");
    }

    /** The distribution's directory ({@code .../x.dist-info}) of a metadata file or file list. */
    static String metadataDir(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    /** The distribution a metadata file declares, or null with a note. */
    static FoundPackage metadata(InputStream in, String path, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        String name = null;
        String version = null;
        String license = null;
        String expression = null;
        for (String line; (line = lines.next()) != null; ) {
            if (line.isEmpty()) {
                break; // the body (the long description) follows the headers
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "name" -> name = value;
                case "version" -> version = value;
                case "license" -> license = value;
                case "license-expression" -> expression = value;
                default -> {
                }
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            notes.add("no " + (name == null || name.isEmpty() ? "Name" : "Version") + " header, skipped");
            return null;
        }
        String declared = expression != null ? expression
                : license == null || license.isEmpty() || license.equalsIgnoreCase("UNKNOWN") || license.length() > 200
                ? null : license;
        return new FoundPackage(Ecosystem.PYPI, name, version, null, declared, List.of(), List.of(), List.of(), -1,
                false, null, metadataDir(path));
    }

    /** The absolute paths a RECORD or installed-files.txt lists, normalised ({@code ..} resolved). */
    static List<String> fileList(InputStream in, String path, Notes notes) throws IOException {
        String dir = metadataDir(path);
        String base = path.endsWith("/RECORD") ? dir.substring(0, Math.max(0, dir.lastIndexOf('/'))) : dir;
        BoundedLines lines = new BoundedLines(in);
        List<String> out = new ArrayList<>();
        for (String line; (line = lines.next()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            String rel = path.endsWith("/RECORD") ? firstCsvField(line) : line.strip();
            if (rel == null) {
                notes.add("line " + lines.number() + ": unbalanced quotes, skipped");
                continue;
            }
            String abs = normalise(rel.startsWith("/") ? rel : base + "/" + rel);
            if (abs == null) {
                notes.add("line " + lines.number() + ": " + rel + " leaves the root, skipped");
                continue;
            }
            if (out.size() >= DebControl.MAX_PATHS) {
                notes.add("more than " + DebControl.MAX_PATHS + " paths: the rest were not read");
                break;
            }
            out.add(abs);
        }
        return out;
    }

    /** The first field of a CSV line, quotes honoured; null when a quote is not closed. */
    static String firstCsvField(String line) {
        if (!line.startsWith("\"")) {
            int comma = line.indexOf(',');
            return comma < 0 ? line : line.substring(0, comma);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        return null;
    }

    /** {@code /a/b/../c} -> {@code /a/c}; null when {@code ..} climbs above the root. */
    static String normalise(String path) {
        if (isNormal(path)) {
            return path; // what the split and join below would rebuild, without the pieces
        }
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * True when {@link #normalise} would return the path unchanged: it starts with {@code /}, and none of its segments
     * after that is empty, {@code .} or {@code ..} (so neither {@code //} nor a trailing {@code /}), or it is
     * {@code /} alone. Most lines of a RECORD are such paths once their directory is prefixed.
     */
    static boolean isNormal(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        int start = 1; // the current segment's first character
        for (int i = 1; i <= n; i++) {
            if (i == n || path.charAt(i) == '/') {
                int len = i - start;
                if (len == 0 || path.charAt(start) == '.' && (len == 1 || len == 2 && path.charAt(start + 1) == '.')) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * Runs of PEP 503's separators, compiled once ({@code String.replaceAll} compiles its expression on every call,
     * once per PyPI package).
     */
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    /** The name PyPI compares by (PEP 503): lower case, runs of {@code -_.} as one {@code -}. */
    static String normaliseName(String name) {
        return SEPARATORS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
    }
}
