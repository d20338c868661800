package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Splits shell text into words, operators, redirections and line breaks (POSIX sh rules for quoting,
 * {@code $(...)}, {@code ${...}}, backquotes, comments, {@code \}-newline and inline here-documents).
 */
final class ShellTokenizer {

    enum Kind { WORD, OPERATOR, REDIRECT, NEWLINE, END }

    /** A command substitution found inside a word: its inner text and where that text starts. */
    record Substitution(String text, int offset) {
    }

    /** One token; {@code word} is the word itself, or a redirection's target; a redirection's op has its fd. */
    record Token(Kind kind, String op, ShellWord word, List<Substitution> substitutions, int offset) {
    }

    /** A here-document opened on the current line, read at the next line break. */
    static final class PendingHeredoc {
        final String delimiter;
        final boolean stripTabs;
        String body;
        int bodyOffset = -1;

        PendingHeredoc(String delimiter, boolean stripTabs) {
            this.delimiter = delimiter;
            this.stripTabs = stripTabs;
        }
    }

    // longest first, so that "&&" wins over "&" and "<<-" over "<<"
    private static final String[] OPERATORS = {"&&", "||", ";;", "|&", ";", "|", "(", ")"};
    private static final String[] REDIRECTS = {"<<<", "<<-", "<<", "<>", "<&", "<", ">>", ">&", ">|", ">"};
    private static final String[] OUTPUT_AND_ERROR_REDIRECTS = {"&>>", "&>"};

    private final String s;
    private final IntFunction<Position> positions;
    private final List<PendingHeredoc> pending = new ArrayList<>();
    private int pos;

    ShellTokenizer(String s, IntFunction<Position> positions) {
        this.s = s;
        this.positions = positions;
    }

    /** The most recently opened here-documents, for the parser to attach to its command. */
    PendingHeredoc lastHeredoc() {
        return pending.isEmpty() ? null : pending.get(pending.size() - 1);
    }

    Token next() {
        while (true) {
            skipBlanks();
            if (pos >= s.length()) {
                return new Token(Kind.END, "", null, List.of(), pos);
            }
            char c = s.charAt(pos);
            if (c == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            int start = pos;
            if (c == '\n') {
                pos++;
                readHeredocBodies();
                return new Token(Kind.NEWLINE, "\n", null, List.of(), start);
            }
            String op = operator();
            if (op != null) {
                return new Token(Kind.OPERATOR, op, null, List.of(), start);
            }
            String redirect = redirect();
            if (redirect != null) {
                return redirectToken(redirect, start);
            }
            List<Substitution> subs = new ArrayList<>();
            ShellWord word = word(subs);
            return new Token(Kind.WORD, "", word, subs, start);
        }
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < s.length() && s.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        if (s.charAt(pos) == '&' && !s.startsWith("&>", pos)) {
            pos++;
            return "&";
        }
        return null;
    }

    private String redirect() {
        int i = pos;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '<' || s.charAt(i) == '>')) {
            for (String op : REDIRECTS) {
                if (s.startsWith(op, i)) {
                    String withFd = s.substring(pos, i).concat(op);
                    pos = i + op.length();
                    return withFd;
                }
            }
        }
        if (i == pos) {
            for (String op : OUTPUT_AND_ERROR_REDIRECTS) {
                if (s.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
        }
        return null;
    }

    private Token redirectToken(String op, int start) {
        skipBlanks();
        ShellWord target = null;
        List<Substitution> subs = new ArrayList<>();
        if (pos < s.length() && !isBreak(s.charAt(pos))) {
            target = word(subs);
        }
        if (target != null && (op.endsWith("<<") || op.endsWith("<<-"))) {
            pending.add(new PendingHeredoc(target.value(), op.endsWith("<<-")));
        }
        return new Token(Kind.REDIRECT, op, target, subs, start);
    }

    /** After a line break: the bodies of here-documents opened on the previous line. */
    private void readHeredocBodies() {
        for (PendingHeredoc doc : pending) {
            if (doc.bodyOffset >= 0) {
                continue;
            }
            doc.bodyOffset = pos;
            StringBuilder body = new StringBuilder();
            while (pos < s.length()) {
                int eol = s.indexOf('\n', pos);
                int lineEnd = eol < 0 ? s.length() : eol;
                String line = s.substring(pos, lineEnd);
                pos = eol < 0 ? s.length() : eol + 1;
                String candidate = doc.stripTabs ? stripLeadingTabs(line) : line;
                if (candidate.equals(doc.delimiter)) {
                    break;
                }
                body.append(line).append('\n');
            }
            doc.body = body.toString();
        }
    }

    private static String stripLeadingTabs(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == '\t') {
            i++;
        }
        return line.substring(i);
    }

    private static boolean isBreak(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')'
                || c == '<' || c == '>';
    }

    private ShellWord word(List<Substitution> subs) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        int[] offsets = new int[16];
        boolean quoted = false;
        boolean expansion = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isBreak(c)) {
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= s.length()) {
                    pos++;
                    break;
                }
                if (s.charAt(pos + 1) == '\n') {
                    pos += 2;
                    continue;
                }
                quoted = true;
                offsets = add(value, offsets, s.charAt(pos + 1), pos + 1);
                pos += 2;
            } else if (c == '\'') {
                quoted = true;
                pos++;
                while (pos < s.length() && s.charAt(pos) != '\'') {
                    offsets = add(value, offsets, s.charAt(pos), pos);
                    pos++;
                }
                pos++;
            } else if (c == '"') {
                quoted = true;
                pos++;
                while (pos < s.length() && s.charAt(pos) != '"') {
                    char d = s.charAt(pos);
                    if (d == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
                        if (s.charAt(pos + 1) != '\n') {
                            offsets = add(value, offsets, s.charAt(pos + 1), pos + 1);
                        }
                        pos += 2;
                    } else if (d == '$' || d == '`') {
                        int before = pos;
                        int lengthBefore = value.length();
                        expansion |= dollarOrBackquote(value, subs);
                        offsets = fill(offsets, lengthBefore, value.length(), before);
                    } else {
                        offsets = add(value, offsets, d, pos);
                        pos++;
                    }
                }
                pos++;
            } else if (c == '$' || c == '`') {
                int before = pos;
                int lengthBefore = value.length();
                expansion |= dollarOrBackquote(value, subs);
                offsets = fill(offsets, lengthBefore, value.length(), before);
            } else {
                offsets = add(value, offsets, c, pos);
                pos++;
            }
        }
        int end = Math.max(start, Math.min(pos, s.length()) - 1);
        return new ShellWord(s.substring(start, Math.min(pos, s.length())), value.toString(), quoted, expansion,
                positions.apply(start), positions.apply(end), Arrays.copyOf(offsets, value.length()));
    }

    /** Copies a {@code $...} or backquoted part verbatim into the value; true when it is an expansion. */
    private boolean dollarOrBackquote(StringBuilder value, List<Substitution> subs) {
        int start = pos;
        char c = s.charAt(pos);
        if (c == '`') {
            int close = s.indexOf('`', pos + 1);
            int end = close < 0 ? s.length() : close;
            subs.add(new Substitution(s.substring(pos + 1, end), pos + 1));
            pos = close < 0 ? s.length() : close + 1;
        } else if (s.startsWith("$((", pos)) {
            pos = matching(pos + 1, '(', ')');
        } else if (s.startsWith("$(", pos)) {
            int close = matching(pos + 1, '(', ')');
            subs.add(new Substitution(s.substring(pos + 2, Math.max(pos + 2, close - 1)), pos + 2));
            pos = close;
        } else if (s.startsWith("${", pos)) {
            pos = matching(pos + 1, '{', '}');
        } else {
            pos++;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
            }
            if (pos == start + 1 && pos < s.length() && "@*#?-$!".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }
        value.append(s, start, pos);
        return pos > start + 1;
    }

    /** Index just past the bracket closing the one at {@code open}, skipping quoted text. */
    private int matching(int open, char left, char right) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'' && left == '(') {
                int close = s.indexOf('\'', i + 1);
                i = close < 0 ? s.length() : close + 1;
                continue;
            }
            if (c == '"') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != '"') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (c == left) {
                depth++;
            } else if (c == right) {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return s.length();
    }

    private static int[] add(StringBuilder value, int[] offsets, char c, int offset) {
        int[] out = offsets.length <= value.length() ? Arrays.copyOf(offsets, offsets.length * 2 + 1) : offsets;
        out[value.length()] = offset;
        value.append(c);
        return out;
    }

    /** Gives characters {@code [from, to)} of the value, copied verbatim, consecutive offsets from {@code offset}. */
    private static int[] fill(int[] offsets, int from, int to, int offset) {
        int[] out = offsets.length < to ? Arrays.copyOf(offsets, Math.max(to, offsets.length * 2)) : offsets;
        for (int k = from; k < to; k++) {
            out[k] = offset + (k - from);
        }
        return out;
    }
}
