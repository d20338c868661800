package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads installed Ruby gems: the {@code specifications/*.gemspec} files RubyGems writes when it installs a gem (and
 * {@code specifications/default/} for the gems that ship with Ruby), Ruby source with one assignment per line
 * ({@code s.name = "rack".freeze}, {@code s.version = "3.0.8"}, {@code s.licenses = ["MIT".freeze]}). The file is read
 * as text, never evaluated. A gem's files are its directory {@code gems/NAME-VERSION[-PLATFORM]} beside
 * {@code specifications}.
 */
final class RubyGems {
    private static final Pattern ASSIGN = Pattern.compile(
            "^\\s*\\w+\\.(name|version|licenses?)\\s*=\\s*(.*)$");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'");

    private RubyGems() {
    }

    /** True for a gemspec RubyGems installed. */
    static boolean isSpecification(String path) {
        if (!path.endsWith(".gemspec")) {
            return false;
        }
        String dir = path.substring(0, path.lastIndexOf('/'));
        return dir.endsWith("/specifications") || dir.endsWith("/specifications/default");
    }

    /** Where the gem's files are installed: {@code .../gems/rack-3.0.8} for {@code .../specifications/rack-3.0.8.gemspec}. */
    static String gemDirectory(String specPath) {
        String base = specPath.substring(specPath.lastIndexOf('/') + 1, specPath.length() - ".gemspec".length());
        String dir = specPath.substring(0, specPath.lastIndexOf('/'));
        if (dir.endsWith("/default")) {
            dir = dir.substring(0, dir.length() - "/default".length());
        }
        String home = dir.substring(0, dir.length() - "/specifications".length());
        return home + "/gems/" + base;
    }

    /** The gem a specification declares, or null with a note. */
    static FoundPackage specification(InputStream in, String path, Notes notes) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        String name = null;
        String version = null;
        String license = null;
        for (String line; (line = lines.next()) != null; ) {
            Matcher m = ASSIGN.matcher(line);
            if (!m.matches()) {
                continue;
            }
            List<String> values = strings(m.group(2));
            if (values.isEmpty()) {
                continue;
            }
            switch (m.group(1)) {
                case "name" -> name = name == null ? values.get(0) : name;
                case "version" -> version = version == null ? values.get(0) : version;
                default -> license = license == null ? String.join(" OR ", values) : license;
            }
        }
        if (name == null || name.isEmpty() || version == null || version.isEmpty()) {
            notes.add("no " + (name == null || name.isEmpty() ? "name" : "version") + " assignment, skipped");
            return null;
        }
        return new FoundPackage(Ecosystem.GEM, name, version, null, license, List.of(), List.of(), List.of(), -1,
                false, null, path);
    }

    /** The string literals of a Ruby expression, in order (at most 20). */
    private static List<String> strings(String expr) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        Matcher m = STRING.matcher(expr);
        while (m.find() && out.size() < 20) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
