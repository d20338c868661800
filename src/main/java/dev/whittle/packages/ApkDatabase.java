package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads apk's database, {@code lib/apk/db/installed}: records of {@code X:value} lines separated by blank lines
 * ({@code P} name, {@code V} version, {@code A} arch, {@code L} license, {@code D} dependencies, {@code p} provides,
 * {@code I} installed size, {@code F} a directory and the {@code R} files in it that the package owns).
 */
final class ApkDatabase {
    private ApkDatabase() {
    }

    static List<FoundPackage> installed(InputStream in, String location, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        List<FoundPackage> out = new ArrayList<>();
        Record r = new Record();
        for (String line; (line = lines.next()) != null; ) {
            if (line.isBlank()) {
                r.finish(out, location, notes);
                r = new Record();
                r.line = lines.number() + 1;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                notes.add("line " + lines.number() + ": not an 'X:value' line, skipped");
                continue;
            }
            String v = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> r.name = v;
                case 'V' -> r.version = v;
                case 'A' -> r.arch = v;
                case 'L' -> r.license = v;
                case 'I' -> r.size = v;
                case 'D' -> {
                    for (String d : v.trim().split("\\s+")) {
                        if (!d.isEmpty() && !d.startsWith("!")) {
                            r.depends.add(List.of(stripConstraint(d)));
                        }
                    }
                }
                case 'p' -> {
                    for (String p : v.trim().split("\\s+")) {
                        if (!p.isEmpty()) {
                            r.provides.add(stripConstraint(p));
                        }
                    }
                }
                case 'F' -> r.dir = v.isEmpty() ? "" : "/" + v;
                case 'R' -> {
                    if (r.files.size() < DebControl.MAX_PATHS) {
                        r.files.add((r.dir == null ? "" : r.dir) + "/" + v);
                    }
                }
                default -> {
                }
            }
        }
        r.finish(out, location, notes);
        if (lines.truncated() > 0) {
            notes.add(lines.truncated() + " lines longer than " + BoundedLines.MAX_LINE + " bytes were cut");
        }
        return out;
    }

    /** The names in apk's world file ({@code /etc/apk/world}): the packages installed on request. */
    static List<String> world(InputStream in) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        List<String> out = new ArrayList<>();
        for (String line; (line = lines.next()) != null && out.size() < DebControl.MAX_PACKAGES; ) {
            for (String w : line.trim().split("\\s+")) {
                String name = stripConstraint(w);
                int at = name.indexOf('@');
                name = at > 0 ? name.substring(0, at) : name;
                if (!name.isEmpty() && !name.startsWith("!")) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /** {@code musl>=1.2} -> {@code musl}; {@code so:libc.so=1} -> {@code so:libc.so}. */
    static String stripConstraint(String dep) {
        for (int i = 0; i < dep.length(); i++) {
            char c = dep.charAt(i);
            if (c == '<' || c == '>' || c == '=' || c == '~') {
                return dep.substring(0, i);
            }
        }
        return dep;
    }

    private static final class Record {
        long line = 1;
        String name;
        String version;
        String arch;
        String license;
        String size;
        String dir;
        final List<List<String>> depends = new ArrayList<>();
        final List<String> provides = new ArrayList<>();
        final List<String> files = new ArrayList<>();

        void finish(List<FoundPackage> out, String location, Notes notes) {
            if (name == null && version == null && files.isEmpty()) {
                return;
            }
            if (name == null || version == null) {
                notes.add("record at line " + line + " has no " + (name == null ? "P:" : "V:") + " line, skipped");
                return;
            }
            if (out.size() >= DebControl.MAX_PACKAGES) {
                notes.add("more than " + DebControl.MAX_PACKAGES + " packages: the rest were not read");
                return;
            }
            long declared = -1;
            if (size != null) {
                try {
                    declared = Long.parseLong(size.trim());
                } catch (NumberFormatException e) {
                    notes.add("package " + name + ": I:" + size + " is not a number");
                }
            }
            out.add(new FoundPackage(Ecosystem.APK, name, version, arch, license, depends, provides, files, declared,
                    false, null, location));
        }
    }
}
