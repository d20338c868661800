package dev.whittle.fs;

import dev.whittle.image.UsageException;
import java.util.regex.Pattern;

/**
 * A path pattern for {@code whittle find}: {@code *} and {@code ?} match within one segment, {@code **} across
 * segments, {@code [abc]} / {@code [a-z]} / {@code [!abc]} one character of a set. A pattern without {@code /} matches
 * the last segment anywhere (like {@code find -name}); any other pattern matches the whole path from the root, a
 * leading {@code /} being optional.
 */
public final class Glob {
    private final String pattern;
    private final boolean basename;
    private final Pattern regex;

    private Glob(String pattern, boolean basename, Pattern regex) {
        this.pattern = pattern;
        this.basename = basename;
        this.regex = regex;
    }

    /** Compiles a pattern; throws {@link UsageException} for an empty one or an unclosed {@code [}. */
    public static Glob compile(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new UsageException("empty pattern");
        }
        String p = pattern;
        boolean basename = p.indexOf('/') < 0;
        if (!basename) {
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.length() > 1 && p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
        }
        return new Glob(pattern, basename, Pattern.compile(toRegex(p, pattern), Pattern.DOTALL));
    }

    /** The pattern as given. */
    public String pattern() {
        return pattern;
    }

    /** True when the absolute path (e.g. {@code /var/log/x.log}) matches. */
    public boolean matches(String absolutePath) {
        String relative = absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath;
        if (basename) {
            relative = relative.substring(relative.lastIndexOf('/') + 1);
        }
        return regex.matcher(relative).matches();
    }

    private static String toRegex(String p, String original) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < p.length() && p.charAt(i + 1) == '*';
                if (doubleStar) {
                    boolean segmentStart = i == 0 || p.charAt(i - 1) == '/';
                    boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                    if (segmentStart && slashAfter) {
                        re.append("(?:.*/)?"); // "**/" matches zero or more directories
                        i += 3;
                    } else {
                        re.append(".*");
                        i += 2;
                    }
                } else {
                    re.append("[^/]*");
                    i++;
                }
            } else if (c == '?') {
                re.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    throw new UsageException("unclosed [ in pattern [" + original + "]");
                }
                String set = p.substring(i + 1, close);
                boolean negate = set.startsWith("!") || set.startsWith("^");
                if (negate) {
                    set = set.substring(1);
                }
                re.append(negate ? "[^/" : "[");
                for (char s : set.toCharArray()) {
                    re.append(s == '\\' || s == '[' || s == ']' || s == '^' || s == '&' ? "\\" + s : String.valueOf(s));
                }
                re.append(']');
                i = close + 1;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return re.toString();
    }
}
