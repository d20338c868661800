package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads dpkg's database: {@code var/lib/dpkg/status} (and distroless's one-package files in {@code status.d/}),
 * stanzas of {@code Field: value} lines with continuation lines, streamed: only the fields Whittle uses are kept,
 * descriptions and conffiles are skipped as they stream past. Packages dpkg does not consider installed
 * ({@code not-installed}, {@code config-files}) are left out, as {@code dpkg-query -W} shows them as uninstalled.
 * Also reads {@code info/*.list} and {@code *.md5sums} file lists.
 */
final class DebControl {
    /** Most packages kept from one database: past it the file is hostile, not a system. */
    static final int MAX_PACKAGES = 200_000;
    /** Most paths kept from one file list. */
    static final int MAX_PATHS = 2_000_000;

    private static final Set<String> KEPT = Set.of("package", "version", "architecture", "status", "depends",
            "pre-depends", "provides", "installed-size", "essential");
    /** Most status records kept for reuse (bounds the memory a huge or hostile status file can take that way). */
    static final int MAX_REUSED = 50_000;
    private static final String[] KEPT_NAMES = KEPT.toArray(String[]::new);
    /** The name a field this reader does not keep goes by. */
    private static final String OTHER = "(other)";
    private static final Set<String> NOT_INSTALLED = Set.of("not-installed", "config-files");

    private DebControl() {
    }

    /** The installed packages of a status file, with the problems met on the way noted. */
    static List<FoundPackage> status(InputStream in, String location, Notes notes) throws IOException {
        return status(in, location, notes, new HashMap<>());
    }

    /** A status record's kept fields where it was read: equal records parse to equal packages. */
    record Stanza(String location, Map<String, String> fields) {
    }

    /**
     * As {@link #status(InputStream, String, Notes)}, reusing the packages of records read before: every layer that
     * installs a package ships a whole new status file, most of whose records an earlier copy had (a status of 1,500
     * packages read in 20 layers parses some 30,000 records, nearly all repeats). A record that drew a note is not
     * reused, so each copy still gets its notes; at most {@link #MAX_REUSED} records are kept.
     *
     * @param parsed what earlier reads parsed, shared by them (thread-safe when they run in parallel)
     */
    static List<FoundPackage> status(InputStream in, String location, Notes notes, Map<Stanza, FoundPackage> parsed)
            throws IOException {
        BoundedLines lines = new BoundedLines(in);
        List<FoundPackage> out = new ArrayList<>();
        Map<String, String> fields = new HashMap<>();
        String current = null;
        long stanzaLine = 1;
        int skipped = 0;
        for (String line; ; ) {
            if (current != null && !KEPT.contains(current)) {
                while (lines.skipContinuation()) {
                    // a description or conffiles line: not read, not even decoded
                }
            }
            line = lines.next();
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    if (out.size() >= MAX_PACKAGES) {
                        skipped++;
                    } else {
                        addPackage(fields, location, stanzaLine, notes, out, parsed);
                    }
                    fields.clear();
                }
                current = null;
                stanzaLine = lines.number() + 1;
                continue;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (current == null) {
                    notes.add("line " + lines.number() + ": a continuation line outside any field, skipped");
                } else if (KEPT.contains(current)) {
                    fields.merge(current, " " + line.strip(), (a, b) -> a.length() > BoundedLines.MAX_LINE ? a : a + b);
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                notes.add("line " + lines.number() + ": not a 'Field: value' line, skipped");
                current = null;
                continue;
            }
            current = field(line, colon);
            if (KEPT.contains(current)) {
                fields.put(current, line.substring(colon + 1).strip());
            }
        }
        if (!fields.isEmpty()) {
            if (out.size() >= MAX_PACKAGES) {
                skipped++;
            } else {
                addPackage(fields, location, stanzaLine, notes, out, parsed);
            }
        }
        if (skipped > 0) {
            notes.add("more than " + MAX_PACKAGES + " packages: " + skipped + " more were not read");
        }
        if (lines.truncated() > 0) {
            notes.add(lines.truncated() + " lines longer than " + BoundedLines.MAX_LINE + " bytes were cut");
        }
        return out;
    }

    /**
     * The field a line names before its colon, lower-cased: a {@link #KEPT} name, else {@link #OTHER} (compared in
     * place: most lines of a status file are not kept, and none of them needs a string of its own).
     */
    private static String field(String line, int colon) {
        int end = colon;
        while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(line.charAt(start))) {
            start++;
        }
        for (String k : KEPT_NAMES) {
            if (k.length() == end - start && line.regionMatches(true, start, k, 0, k.length())) {
                return k;
            }
        }
        return OTHER;
    }

    private static void addPackage(Map<String, String> f, String location, long line, Notes notes,
                                   List<FoundPackage> out, Map<Stanza, FoundPackage> parsed) {
        Stanza key = new Stanza(location, f);
        FoundPackage known = parsed.get(key);
        if (known != null) {
            out.add(known);
            return;
        }
        int noted = notes.count();
        int before = out.size();
        parse(f, location, line, notes, out);
        if (notes.count() == noted && out.size() == before + 1 && parsed.size() < MAX_REUSED) {
            parsed.putIfAbsent(new Stanza(location, Map.copyOf(f)), out.get(before));
        }
    }

    private static void parse(Map<String, String> f, String location, long line, Notes notes,
                              List<FoundPackage> out) {
        String name = f.get("package");
        String version = f.get("version");
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            notes.add("record at line " + line + " has no " + (name == null || name.isEmpty() ? "Package" : "Version")
                    + " field, skipped");
            return;
        }
        String status = f.get("status");
        if (status != null) {
            String[] words = status.trim().split("\\s+");
            if (words.length == 3 && NOT_INSTALLED.contains(words[2])) {
                return;
            }
        }
        List<List<String>> depends = new ArrayList<>(relations(f.get("pre-depends")));
        depends.addAll(relations(f.get("depends")));
        List<String> provides = new ArrayList<>();
        for (List<String> alternatives : relations(f.get("provides"))) {
            provides.addAll(alternatives);
        }
        long declared = -1;
        String size = f.get("installed-size");
        if (size != null) {
            try {
                declared = Long.parseLong(size.trim()) * 1024;
            } catch (NumberFormatException e) {
                notes.add("package " + name + ": Installed-Size '" + size + "' is not a number");
            }
        }
        String arch = f.get("architecture");
        out.add(new FoundPackage(Ecosystem.DEB, name, version, arch == null || arch.isEmpty() ? null : arch, null,
                depends, provides, List.of(), declared, "yes".equalsIgnoreCase(f.get("essential")), null, location));
    }

    /**
     * The packages apt installed only as dependencies: {@code Auto-Installed: 1} in
     * {@code /var/lib/apt/extended_states} (stanzas of {@code Package}, {@code Architecture}, {@code Auto-Installed}).
     */
    static List<String> autoInstalled(InputStream in, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        List<String> out = new ArrayList<>();
        String name = null;
        boolean auto = false;
        for (String line; ; ) {
            line = lines.next();
            if (line == null || line.isBlank()) {
                if (name != null && auto && out.size() < MAX_PACKAGES) {
                    out.add(name);
                }
                name = null;
                auto = false;
                if (line == null) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equalsIgnoreCase("Package")) {
                name = value;
            } else if (key.equalsIgnoreCase("Auto-Installed")) {
                auto = value.equals("1");
            }
        }
        return out;
    }

    /**
     * A relationship field ({@code a (>= 1) | b:any, c [amd64]}) as clauses of alternative package names, versions,
     * architecture qualifiers and restrictions stripped.
     */
    static List<List<String>> relations(String field) {
        List<List<String>> out = new ArrayList<>();
        if (field == null || field.isBlank()) {
            return out;
        }
        for (String clause : field.split(",")) {
            List<String> alternatives = new ArrayList<>();
            for (String alt : clause.split("\\|")) {
                String name = withoutGroups(alt).strip();
                int sp = name.indexOf(' ');
                if (sp > 0) {
                    name = name.substring(0, sp);
                }
                int colon = name.indexOf(':');
                if (colon > 0) {
                    name = name.substring(0, colon);
                }
                if (!name.isEmpty()) {
                    alternatives.add(name);
                }
            }
            if (!alternatives.isEmpty()) {
                out.add(alternatives);
            }
        }
        return out;
    }

    /**
     * A relation with its version, architecture and restriction groups ({@code (>= 1)}, {@code [amd64]},
     * {@code <!nocheck>}) cut out, each up to the first closing bracket; an opening bracket never closed stays.
     */
    static String withoutGroups(String s) {
        if (s.indexOf('(') < 0 && s.indexOf('[') < 0 && s.indexOf('<') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char close = c == '(' ? ')' : c == '[' ? ']' : c == '<' ? '>' : 0;
            int end = close == 0 ? -1 : s.indexOf(close, i + 1);
            if (end < 0) {
                out.append(c);
            } else {
                i = end;
            }
        }
        return out.toString();
    }

    /**
     * The paths of a file list: {@code info/NAME.list} (absolute paths, one a line) or {@code NAME.md5sums}
     * ({@code HASH  relative/path}); returned absolute, {@code /.} dropped.
     */
    static List<String> fileList(InputStream in, boolean md5sums, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        List<String> out = new ArrayList<>();
        for (String line; (line = lines.next()) != null; ) {
            String path = line;
            if (md5sums) {
                int sp = line.indexOf("  ");
                if (sp < 0) {
                    notes.add("line " + lines.number() + ": not 'HASH  PATH', skipped");
                    continue;
                }
                path = line.substring(sp + 2);
            }
            if (path.isEmpty() || path.equals("/.")) {
                continue;
            }
            if (out.size() >= MAX_PATHS) {
                notes.add("more than " + MAX_PATHS + " paths: the rest were not read");
                break;
            }
            out.add(path.startsWith("/") ? path : "/" + path);
        }
        return out;
    }
}
