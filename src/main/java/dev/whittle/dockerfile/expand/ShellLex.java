package dev.whittle.dockerfile.expand;

import dev.whittle.image.Limits;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variable expansion and word splitting exactly as BuildKit's shell lexer does it for Dockerfile instructions
 * ({@code ADD}, {@code COPY}, {@code ENV}, {@code FROM}, ...): quotes are removed, {@code $v} and {@code ${v...}}
 * are replaced, the escape character protects the next character.
 *
 * <p>Instances are immutable; the {@code with...} methods return adjusted copies. Unix rules only: variable names
 * are case-sensitive.
 */
public final class ShellLex {

    private final int escape;
    private final boolean rawQuotes;
    private final boolean rawEscapes;
    private final boolean skipProcessQuotes;
    private final boolean skipUnsetEnv;

    private ShellLex(int escape, boolean rawQuotes, boolean rawEscapes, boolean skipProcessQuotes,
            boolean skipUnsetEnv) {
        this.escape = escape;
        this.rawQuotes = rawQuotes;
        this.rawEscapes = rawEscapes;
        this.skipProcessQuotes = skipProcessQuotes;
        this.skipUnsetEnv = skipUnsetEnv;
    }

    /** A lexer using {@code escape} ({@code \} or {@code `}) as escape character. */
    public static ShellLex of(char escape) {
        return new ShellLex(escape, false, false, false, false);
    }

    /** Keep quote characters in the result (BuildKit's {@code RawQuotes}). */
    public ShellLex withRawQuotes(boolean on) {
        return new ShellLex(escape, on, rawEscapes, skipProcessQuotes, skipUnsetEnv);
    }

    /** Keep escape characters in the result (BuildKit's {@code RawEscapes}). */
    public ShellLex withRawEscapes(boolean on) {
        return new ShellLex(escape, rawQuotes, on, skipProcessQuotes, skipUnsetEnv);
    }

    /** Treat quotes as ordinary characters (BuildKit's {@code SkipProcessQuotes}). */
    public ShellLex withSkipProcessQuotes(boolean on) {
        return new ShellLex(escape, rawQuotes, rawEscapes, on, skipUnsetEnv);
    }

    /** Leave references to unset variables as written instead of emptying them (BuildKit's {@code SkipUnsetEnv}). */
    public ShellLex withSkipUnsetEnv(boolean on) {
        return new ShellLex(escape, rawQuotes, rawEscapes, skipProcessQuotes, on);
    }

    /** The word with quotes removed and variables expanded; throws {@link ExpansionException} on bad input. */
    public String processWord(String word, Map<String, String> env) {
        return process(word, env).result();
    }

    /** The word expanded then split into words (quoted whitespace does not split). */
    public List<String> processWords(String word, Map<String, String> env) {
        return process(word, env).words();
    }

    /** Full result including which variables were found; throws {@link ExpansionException} on bad input. */
    public Expansion process(String word, Map<String, String> env) {
        Run run = new Run(word, env);
        try {
            Piece piece = run.until(-1, rawEscapes);
            return new Expansion(piece.text, piece.words, run.matched, run.unmatched);
        } catch (ExpansionException e) {
            throw new ExpansionException("failed to process \"" + Limits.echo(word) + "\": " + e.getMessage());
        }
    }

    /** Text plus its split words, the two outputs BuildKit computes in one pass. */
    private record Piece(String text, List<String> words) {
    }

    /** One processing run over one word: the cursor and the bookkeeping. */
    private final class Run {
        private static final int EOF = -1;
        private final int[] cps;
        private final Map<String, String> env;
        private final Set<String> matched = new LinkedHashSet<>();
        private final Set<String> unmatched = new LinkedHashSet<>();
        private int pos;
        private boolean raw;
        private int depth;

        Run(String word, Map<String, String> env) {
            this.cps = GoChars.codePoints(word);
            this.env = env;
            this.raw = rawEscapes;
        }

        int peek() {
            return pos < cps.length ? cps[pos] : EOF;
        }

        int next() {
            return pos < cps.length ? cps[pos++] : EOF;
        }

        Piece until(int stop, boolean rawHere) {
            if (++depth > Limits.MAX_EXPANSION_NESTING) {
                // each level is a few stack frames: 2,000 levels of ${a:-${a:-...}} overflowed the stack
                throw new ExpansionException("expansions nested more than " + Limits.MAX_EXPANSION_NESTING
                        + " levels deep (the limit, docs/limits.md)");
            }
            boolean saved = raw;
            raw = rawHere;
            try {
                return scan(stop);
            } finally {
                raw = saved;
                depth--;
            }
        }

        private Piece scan(int stop) {
            StringBuilder result = new StringBuilder();
            WordBuilder words = new WordBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (stop != EOF && ch == stop) {
                    next();
                    return new Piece(result.toString(), words.finish());
                }
                if (ch == '$') {
                    String value = dollar();
                    result.append(value);
                    words.addString(value);
                } else if (!skipProcessQuotes && (ch == '\'' || ch == '"')) {
                    String value = ch == '\'' ? singleQuote() : doubleQuote();
                    result.append(value);
                    words.addRawString(value);
                } else {
                    ch = next();
                    if (ch == escape) {
                        if (raw) {
                            words.addRawChar(ch);
                            result.appendCodePoint(ch);
                        }
                        ch = next();
                        if (ch == EOF) {
                            break; // an escape at the very end is dropped
                        }
                        words.addRawChar(ch);
                    } else {
                        words.addChar(ch);
                    }
                    result.appendCodePoint(ch);
                }
            }
            if (stop != EOF) {
                throw new ExpansionException("unexpected end of statement while looking for matching "
                        + new String(Character.toChars(stop)));
            }
            return new Piece(result.toString(), words.finish());
        }

        private String singleQuote() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                ch = next();
                if (ch == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching single-quote");
                }
                if (ch == '\'') {
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                result.appendCodePoint(ch);
            }
        }

        private String doubleQuote() {
            StringBuilder result = new StringBuilder();
            int ch = next();
            if (rawQuotes) {
                result.appendCodePoint(ch);
            }
            while (true) {
                int p = peek();
                if (p == EOF) {
                    throw new ExpansionException("unexpected end of statement while looking for matching double-quote");
                }
                if (p == '"') {
                    ch = next();
                    if (rawQuotes) {
                        result.appendCodePoint(ch);
                    }
                    return result.toString();
                }
                if (p == '$') {
                    result.append(dollar());
                    continue;
                }
                ch = next();
                if (ch == escape) {
                    if (raw) {
                        result.appendCodePoint(ch);
                    }
                    int after = peek();
                    if (after == EOF) {
                        continue; // dropped; the loop then reports the missing quote
                    }
                    if (after == '"' || after == '$' || after == escape) {
                        ch = next();
                    }
                }
                result.appendCodePoint(ch);
            }
        }

        private String dollar() {
            next(); // the '$'
            if (peek() != '{') {
                String name = name();
                if (name.isEmpty()) {
                    return "$";
                }
                String value = lookup(name);
                if (value == null) {
                    return skipUnsetEnv ? join("$", name) : "";
                }
                return value;
            }
            next(); // the '{'
            int first = peek();
            if (first == EOF) {
                throw new ExpansionException("syntax error: missing '}'");
            }
            if (first == '{' || first == '}' || first == ':') {
                throw new ExpansionException("syntax error: bad substitution");
            }
            String name = name();
            int ch = next();
            String modifier = ch == EOF ? "" : new String(Character.toChars(ch));
            switch (ch) {
                case '}': {
                    String value = lookup(name);
                    if (value == null) {
                        return skipUnsetEnv ? join("${", name, "}") : "";
                    }
                    return value;
                }
                case ':': {
                    ch = next();
                    modifier += ch == EOF ? "" : new String(Character.toChars(ch));
                    return modifier(name, ch, modifier, true);
                }
                case '+':
                case '-':
                case '?':
                case '#':
                case '%':
                    return modifier(name, ch, modifier, false);
                case '/':
                    return substitute(name);
                default:
                    throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
        }

        private String modifier(String name, int op, String modifier, boolean nullIsUnset) {
            Piece piece;
            try {
                piece = until('}', op == '#' || op == '%');
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException("syntax error: missing '}'");
                }
                throw e;
            }
            String word = piece.text;
            String value = lookup(name);
            boolean set = value != null;
            if (!set && skipUnsetEnv) {
                return join("${", name, modifier, word, "}");
            }
            boolean empty = !set || (nullIsUnset && value.isEmpty());
            switch (op) {
                case '-':
                    return empty ? word : value;
                case '+':
                    return empty ? "" : word;
                case '?':
                    if (!set) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                    }
                    if (nullIsUnset && value.isEmpty()) {
                        throw new ExpansionException(name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                    }
                    return value;
                case '#':
                case '%': {
                    boolean longest = !word.isEmpty() && word.codePointAt(0) == op;
                    String pattern = longest ? word.substring(1) : word;
                    ShellPattern compiled = ShellPattern.compile(pattern);
                    String subject = set ? value : "";
                    return op == '%' ? compiled.trimSuffix(subject, longest) : compiled.trimPrefix(subject, longest);
                }
                default:
                    throw new ExpansionException("unsupported modifier (" + modifier + ") in substitution");
            }
        }

        private String substitute(String name) {
            boolean all = peek() == '/';
            if (all) {
                next();
            }
            String pattern;
            try {
                pattern = until('/', true).text;
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException("syntax error: missing '/' in ${}");
                }
                throw e;
            }
            String replacement;
            try {
                replacement = until('}', true).text;
            } catch (ExpansionException e) {
                if (peek() == EOF) {
                    throw new ExpansionException("syntax error: missing '}'");
                }
                throw e;
            }
            String value = lookup(name);
            if (value == null && skipUnsetEnv) {
                return join("${", name, "/", pattern, "/", replacement, "}");
            }
            return ShellPattern.compile(pattern).replace(value == null ? "" : value, replacement, all);
        }

        private String name() {
            StringBuilder name = new StringBuilder();
            while (peek() != EOF) {
                int ch = peek();
                if (name.length() == 0 && Character.isDigit(ch)) {
                    while (peek() != EOF && Character.isDigit(peek())) {
                        name.appendCodePoint(next());
                    }
                    return name.toString();
                }
                if (name.length() == 0 && isSpecialParameter(ch)) {
                    return new String(Character.toChars(next()));
                }
                if (!Character.isLetter(ch) && !Character.isDigit(ch) && ch != '_') {
                    break;
                }
                name.appendCodePoint(next());
            }
            return name.toString();
        }

        private String lookup(String name) {
            String value = env.get(name);
            if (value == null) {
                unmatched.add(name);
            } else {
                matched.add(name);
            }
            return value;
        }
    }

    /** Concatenation without {@code +}: string {@code +} bootstraps an invokedynamic call site on first use,
     * which costs start-up time on every {@code whittle lint} run. */
    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(part);
        }
        return out.toString();
    }

    private static boolean isSpecialParameter(int ch) {
        return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' || ch == '!' || ch == '0';
    }
}
