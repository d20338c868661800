package dev.whittle.dockerfile;

import dev.whittle.image.TextInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} matcher with BuildKit's semantics: one pattern per line, {@code #} comments, blank lines
 * skipped, surrounding spaces trimmed, leading {@code /} ignored (patterns are relative to the context root),
 * {@code *} and {@code ?} never cross {@code /}, {@code **} matches any number of directories, {@code [...]}
 * classes and {@code \} escapes as in Go's {@code filepath.Match}. A pattern also excludes everything below a
 * directory it matches. The last matching pattern wins, and {@code !pattern} re-includes. Note that, unlike
 * {@code .gitignore}, {@code *.log} matches only at the root; {@code **}{@code /*.log} matches anywhere.
 */
public final class DockerIgnore {

    /** One compiled line. */
    private record Rule(String text, Pattern regex, boolean exclusion) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the text of a {@code .dockerignore}. */
    public static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exclusion = line.startsWith("!");
            if (exclusion) {
                line = line.substring(1).strip();
            }
            String pattern = clean(line);
            if (pattern.isEmpty()) {
                continue;
            }
            rules.add(new Rule(pattern, Pattern.compile(toRegex(pattern)), exclusion));
        }
        return new DockerIgnore(rules);
    }

    /** Reads {@code file}. */
    public static DockerIgnore read(Path file) throws IOException {
        return parse(TextInput.read(file));
    }

    /** Nothing ignored. */
    public static DockerIgnore empty() {
        return new DockerIgnore(List.of());
    }

    /**
     * The ignore file BuildKit uses for {@code dockerfile} in {@code contextDir}: {@code <Dockerfile>.dockerignore}
     * next to the Dockerfile if present, else {@code .dockerignore} at the context root; null when neither exists.
     */
    public static Path locate(Path dockerfile, Path contextDir) {
        if (dockerfile != null) {
            Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
            if (Files.isRegularFile(specific)) {
                return specific;
            }
        }
        if (contextDir != null) {
            Path root = contextDir.resolve(".dockerignore");
            if (Files.isRegularFile(root)) {
                return root;
            }
        }
        return null;
    }

    /** The patterns as cleaned, {@code !} kept, in order. */
    public List<String> patterns() {
        List<String> out = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            out.add(r.exclusion() ? "!" + r.text() : r.text());
        }
        return out;
    }

    /** True when there are no patterns. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** True when some {@code !} pattern may re-include files inside an excluded directory. */
    public boolean hasReincludes() {
        for (Rule r : rules) {
            if (r.exclusion()) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code path} (relative to the context root, {@code /}-separated) is left out of the build context.
     */
    public boolean isIgnored(String path) {
        String p = clean(path);
        if (p.isEmpty()) {
            return false;
        }
        boolean ignored = false;
        for (Rule r : rules) {
            if (r.exclusion() != ignored) {
                continue; // cannot change the outcome
            }
            if (matchesOrParentMatches(r.regex(), p)) {
                ignored = !r.exclusion();
            }
        }
        return ignored;
    }

    private static boolean matchesOrParentMatches(Pattern regex, String path) {
        if (regex.matcher(path).matches()) {
            return true;
        }
        int slash = path.indexOf('/');
        while (slash > 0) {
            if (regex.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return false;
    }

    /** Go's {@code filepath.Clean} on a slash path, without a leading {@code /} or {@code ./}. */
    static String clean(String path) {
        String[] parts = path.split("/");
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return String.join("/", out);
    }

    /** The regular expression BuildKit's pattern matcher builds for a pattern. */
    static String toRegex(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                        i++;
                    }
                    re.append(i + 1 >= n ? ".*" : "(.*/)?");
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 1);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = pattern.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (".+()|{}^$".indexOf(c) >= 0) {
                re.append('\\').append(c);
            } else {
                re.append(c);
            }
        }
        return re.append('$').toString();
    }
}
