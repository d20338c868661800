package dev.whittle.dockerfile.expand;

/**
 * A shell wildcard pattern as BuildKit accepts it in {@code ${v#p}}, {@code ${v%p}} and {@code ${v/p/r}}:
 * {@code *} matches any run, {@code ?} one character, a backslash escapes {@code * ? \}; a backslash before
 * {@code /} or {@code }} is dropped. Bracket expressions are not supported (BuildKit does not either).
 *
 * <p>Matching is hand-written (no regex compilation) and follows POSIX: {@code #}/{@code %} remove the shortest
 * match, {@code ##}/{@code %%} the longest.
 */
final class ShellPattern {

    private static final int STAR = -1;
    private static final int ANY = -2;

    private final int[] tokens;

    private ShellPattern(int[] tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code pattern} (escapes still raw), failing like BuildKit on an invalid escape. */
    static ShellPattern compile(String pattern) {
        int[] cps = GoChars.codePoints(pattern);
        int[] out = new int[cps.length];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (c == '*') {
                out[n++] = STAR;
            } else if (c == '?') {
                out[n++] = ANY;
            } else if (c == '\\') {
                int next = i + 1 < cps.length ? cps[i + 1] : -1;
                if (next == '}' || next == '/') {
                    continue; // the escape only protected the ${} syntax; the char itself is taken next round
                }
                if (next != '*' && next != '?' && next != '\\') {
                    String shown = next < 0 ? "" : new String(Character.toChars(next));
                    throw new ExpansionException("invalid pattern (" + pattern + ") in substitution: invalid escape '\\"
                            + shown + "'");
                }
                out[n++] = next;
                i++;
            } else {
                out[n++] = c;
            }
        }
        return new ShellPattern(java.util.Arrays.copyOf(out, n));
    }

    /** True when the whole of {@code s[from, to)} matches. */
    boolean matches(int[] s, int from, int to) {
        int p = 0;
        int i = from;
        int starP = -1;
        int starI = -1;
        while (i < to) {
            if (p < tokens.length && (tokens[p] == ANY || tokens[p] == s[i])) {
                p++;
                i++;
            } else if (p < tokens.length && tokens[p] == STAR) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == STAR) {
            p++;
        }
        return p == tokens.length;
    }

    /** {@code ${v#p}} (shortest) or {@code ${v##p}} (longest). */
    String trimPrefix(String value, boolean longest) {
        int[] s = GoChars.codePoints(value);
        if (longest) {
            for (int end = s.length; end >= 0; end--) {
                if (matches(s, 0, end)) {
                    return new String(s, end, s.length - end);
                }
            }
        } else {
            for (int end = 0; end <= s.length; end++) {
                if (matches(s, 0, end)) {
                    return new String(s, end, s.length - end);
                }
            }
        }
        return value;
    }

    /** {@code ${v%p}} (shortest) or {@code ${v%%p}} (longest). */
    String trimSuffix(String value, boolean longest) {
        int[] s = GoChars.codePoints(value);
        if (longest) {
            for (int start = 0; start <= s.length; start++) {
                if (matches(s, start, s.length)) {
                    return new String(s, 0, start);
                }
            }
        } else {
            for (int start = s.length; start >= 0; start--) {
                if (matches(s, start, s.length)) {
                    return new String(s, 0, start);
                }
            }
        }
        return value;
    }

    /** {@code ${v/p/r}} or, with {@code all}, {@code ${v//p/r}}: leftmost, longest matches. */
    String replace(String value, String replacement, boolean all) {
        int[] s = GoChars.codePoints(value);
        StringBuilder out = new StringBuilder();
        int copied = 0;
        int pos = 0;
        int previousEnd = -1;
        while (pos <= s.length) {
            int end = longestMatchAt(s, pos);
            if (end < 0 || (end == pos && pos == previousEnd)) {
                pos++; // no match here, or an empty match touching the previous one (Go skips those)
                continue;
            }
            out.append(new String(s, copied, pos - copied)).append(replacement);
            copied = end;
            previousEnd = end;
            if (!all) {
                break;
            }
            pos = end > pos ? end : pos + 1;
        }
        if (copied < s.length) {
            out.append(new String(s, copied, s.length - copied));
        }
        return out.toString();
    }

    private int longestMatchAt(int[] s, int start) {
        for (int end = s.length; end >= start; end--) {
            if (matches(s, start, end)) {
                return end;
            }
        }
        return -1;
    }
}
