package dev.whittle.fs;

import dev.whittle.image.UsageException;

/**
 * A path pattern for {@code whittle find}: {@code *} and {@code ?} match within one segment, {@code **} across
 * segments, {@code [abc]} / {@code [a-z]} / {@code [!abc]} one character of a set. A pattern without {@code /} matches
 * the last segment anywhere (like {@code find -name}); any other pattern matches the whole path from the root, a
 * leading {@code /} being optional.
 */
public final class Glob {
    private final String pattern;
    private final boolean basename;
    private final Token[] tokens;

    /**
     * One step of a pattern. Matching is a table over (token, path position), filled row by row: time is the pattern
     * length times the path length, whatever the pattern. A backtracking regex took exponential time on
     * {@code **}{@code /**}{@code /**}{@code /x} against a deep path that does not match.
     */
    private record Token(Kind kind, char c, String set, boolean negate) {
    }

    private enum Kind { CHAR, ONE, SET, STAR, ANY, ANY_DIRS }

    private Glob(String pattern, boolean basename, Token[] tokens) {
        this.pattern = pattern;
        this.basename = basename;
        this.tokens = tokens;
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
        return new Glob(pattern, basename, tokens(p, pattern));
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
        return matchesRelative(relative);
    }

    private boolean matchesRelative(String s) {
        int n = s.length();
        boolean[] row = new boolean[n + 1];
        boolean[] next = new boolean[n + 1];
        row[0] = true;
        for (Token t : tokens) {
            java.util.Arrays.fill(next, false);
            boolean any = false;
            boolean star = false;
            for (int j = 0; j <= n; j++) {
                switch (t.kind()) {
                    case CHAR -> next[j] = j > 0 && row[j - 1] && s.charAt(j - 1) == t.c();
                    case ONE -> next[j] = j > 0 && row[j - 1] && s.charAt(j - 1) != '/';
                    case SET -> next[j] = j > 0 && row[j - 1] && inSet(t, s.charAt(j - 1));
                    case STAR -> {
                        star = row[j] || (star && s.charAt(j - 1) != '/');
                        next[j] = star;
                    }
                    case ANY -> {
                        any |= row[j];
                        next[j] = any;
                    }
                    case ANY_DIRS -> {
                        next[j] = row[j] || (any && s.charAt(j - 1) == '/');
                        any |= row[j];
                    }
                    default -> throw new IllegalStateException();
                }
            }
            boolean[] swap = row;
            row = next;
            next = swap;
        }
        return row[n];
    }

    private static boolean inSet(Token t, char ch) {
        if (t.negate() && ch == '/') {
            return false;
        }
        String set = t.set();
        boolean found = false;
        for (int k = 0; k < set.length() && !found; k++) {
            char a = set.charAt(k);
            if (k + 2 < set.length() && set.charAt(k + 1) == '-') {
                found = ch >= a && ch <= set.charAt(k + 2);
                k += 2;
            } else {
                found = ch == a;
            }
        }
        return found != t.negate();
    }

    private static Token[] tokens(String p, String original) {
        java.util.List<Token> out = new java.util.ArrayList<>();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < p.length() && p.charAt(i + 1) == '*';
                if (doubleStar) {
                    boolean segmentStart = i == 0 || p.charAt(i - 1) == '/';
                    boolean slashAfter = i + 2 < p.length() && p.charAt(i + 2) == '/';
                    if (segmentStart && slashAfter) {
                        out.add(new Token(Kind.ANY_DIRS, c, null, false)); // "**/" matches zero or more directories
                        i += 3;
                    } else {
                        out.add(new Token(Kind.ANY, c, null, false));
                        i += 2;
                    }
                } else {
                    out.add(new Token(Kind.STAR, c, null, false));
                    i++;
                }
            } else if (c == '?') {
                out.add(new Token(Kind.ONE, c, null, false));
                i++;
            } else if (c == '[') {
                int close = p.indexOf(']', i + 2);
                if (close < 0) {
                    throw new UsageException("unclosed [ in pattern [" + dev.whittle.image.Limits.echo(original)
                            + "]");
                }
                String set = p.substring(i + 1, close);
                boolean negate = set.startsWith("!") || set.startsWith("^");
                out.add(new Token(Kind.SET, c, negate ? set.substring(1) : set, negate));
                i = close + 1;
            } else {
                out.add(new Token(Kind.CHAR, c, null, false));
                i++;
            }
        }
        return out.toArray(Token[]::new);
    }
}
