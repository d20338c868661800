package dev.whittle.dockerfile;

import dev.whittle.dockerfile.expand.ExpansionException;
import dev.whittle.dockerfile.expand.GoChars;
import dev.whittle.dockerfile.expand.ShellLex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BuildKit's line-level parse loop: directives, comments, continuation lines, here-documents. Unlike BuildKit it
 * does not stop at the first problem: a rejected instruction becomes a {@link ParseError} and parsing goes on.
 */
final class DockerfileParser {

    private final List<String> lines;
    private final List<Instruction> instructions = new ArrayList<>();
    private final List<ParseError> errors = new ArrayList<>();
    private final List<ParseError> warnings = new ArrayList<>();
    private final List<Directive> directives = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final Set<String> seenDirectives = new HashSet<>();
    private boolean directivesDone;
    private char escape = '\\';
    private int next; // index of the next physical line to read

    /** BuildKit reads lines with Go's scanner, whose buffer stops at 64 KiB: a longer line ends the parse. */
    private static final int MAX_LINE_BYTES = 64 * 1024;

    private DockerfileParser(String text) {
        List<String> all = physicalLines(text);
        for (int i = 0; i < all.size(); i++) {
            if (utf8Length(all.get(i)) > MAX_LINE_BYTES) {
                errors.add(new ParseError(i + 1, 1, "dockerfile line greater than max allowed size of "
                        + (MAX_LINE_BYTES - 1)));
                all = all.subList(0, i);
                break;
            }
        }
        this.lines = all;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    static Dockerfile parse(String text) {
        DockerfileParser parser = new DockerfileParser(text);
        parser.run();
        return new Dockerfile(parser.instructions, parser.errors, parser.warnings, parser.directives,
                parser.comments, parser.escape, parser.lines);
    }

    /** Splits after each newline, keeping the endings, like BuildKit's line scanner. */
    private static List<String> physicalLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        if (!out.isEmpty() && out.get(0).startsWith("\uFEFF")) {
            out.set(0, out.get(0).substring(1));
        }
        return out;
    }

    private void run() {
        List<Comment> pending = new ArrayList<>();
        while (next < lines.size()) {
            int lineNo = next + 1;
            String raw = trimNewline(lines.get(next++));
            int indent = leadingSpace(raw);
            String token = raw.substring(indent);
            if (token.startsWith("#")) {
                // BuildKit's comment bookkeeping: a bare "#" ends the run of comments attached to the next
                // instruction, and parser directives are not comments
                if (!directive(token, lineNo)) {
                    Comment comment = new Comment(lineNo, token.substring(1).strip());
                    comments.add(comment);
                    if (comment.text().isEmpty()) {
                        pending.clear();
                    } else {
                        pending.add(comment);
                    }
                }
                continue; // a comment line is dropped entirely
            }
            directive(token, lineNo);
            Continuation first = continuation(token);
            if (first.ends && first.text.isEmpty()) {
                continue;
            }
            StringBuilder logical = new StringBuilder(first.text);
            SourceMap map = new SourceMap(first.text.length() + 64);
            map.append(lineNo, indent + 1, first.text.length());
            boolean ends = first.ends;
            boolean emptyContinuation = false;
            while (!ends && next < lines.size()) {
                int contNo = next + 1;
                String contRaw = trimNewline(lines.get(next++));
                String trimmed = contRaw.substring(leadingSpace(contRaw));
                if (trimmed.startsWith("#")) {
                    comments.add(new Comment(contNo, trimmed.substring(1).strip()));
                    continue;
                }
                if (trimmed.isEmpty()) {
                    emptyContinuation = true;
                    continue;
                }
                Continuation piece = continuation(contRaw);
                logical.append(piece.text);
                map.append(contNo, 1, piece.text.length());
                ends = piece.ends;
            }
            if (emptyContinuation) {
                warnings.add(new ParseError(lineNo, indent + 1, "Empty continuation line found in: " + logical));
            }
            instruction(logical.toString(), map, lineNo, indent + 1, pending);
            pending = new ArrayList<>();
        }
        if (instructions.isEmpty() && errors.isEmpty()) {
            errors.add(new ParseError(Math.max(1, lines.size()), 1, "file with no instructions"));
        }
        errors.sort(java.util.Comparator.comparingInt(ParseError::line));
    }

    private void instruction(String line, SourceMap map, int startLine, int startColumn, List<Comment> pending) {
        Instruction.Parts parts;
        try {
            parts = new LineParser(escape).parse(line, map);
        } catch (LineParser.LineException e) {
            errors.add(new ParseError(startLine, startColumn, e.getMessage()));
            return;
        }
        List<Heredoc> heredocs = List.of();
        if (mayHaveHeredocs(parts)) {
            try {
                heredocs = readHeredocs(line);
            } catch (HeredocException e) {
                errors.add(new ParseError(e.line, 1, e.getMessage()));
                return;
            }
        }
        int endLine = next; // the last physical line consumed
        Span span = new Span(new Position(startLine, startColumn), new Position(endLine, lastColumn(endLine)));
        Instruction instruction = new Instruction(parts, List.of(), span, pending);
        if (!heredocs.isEmpty()) {
            instruction = instruction.withHeredocs(heredocs);
        }
        instructions.add(instruction);
    }

    private static boolean mayHaveHeredocs(Instruction.Parts parts) {
        Instruction.Parts target = parts;
        if (Keyword.of(parts.command) == Keyword.ONBUILD && parts.child != null) {
            Instruction child = parts.child;
            return child.keyword().allowsHeredoc() && !child.isJson();
        }
        return Keyword.of(target.command).allowsHeredoc() && !target.json;
    }

    private int lastColumn(int lineNo) {
        String text = trimNewline(lines.get(lineNo - 1));
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return Math.max(1, end);
    }

    /** A heredoc body that never ends. */
    private static final class HeredocException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        HeredocException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }

    private List<Heredoc> readHeredocs(String line) throws HeredocException {
        List<HeredocWord> words = heredocWords(line, next);
        List<Heredoc> docs = new ArrayList<>(words.size());
        for (HeredocWord word : words) {
            StringBuilder content = new StringBuilder();
            int bodyStart = next + 1;
            boolean terminated = false;
            while (next < lines.size()) {
                String raw = lines.get(next++);
                String candidate = trimNewline(raw);
                if (word.chomp) {
                    int tabs = 0;
                    while (tabs < candidate.length() && candidate.charAt(tabs) == '\t') {
                        tabs++;
                    }
                    candidate = candidate.substring(tabs);
                }
                if (candidate.equals(word.name)) {
                    terminated = true;
                    break;
                }
                content.append(raw);
            }
            if (!terminated) {
                throw new HeredocException(Math.max(1, next), "unterminated heredoc");
            }
            docs.add(new Heredoc(word.name, word.fd, word.expand, word.chomp, content.toString(),
                    Math.min(bodyStart, next), next));
        }
        return docs;
    }

    private record HeredocWord(String name, int fd, boolean expand, boolean chomp) {
    }

    /** The heredoc openers on an instruction line, found the way BuildKit does (its shell lexer, raw mode). */
    private static List<HeredocWord> heredocWords(String line, int lineNo) throws HeredocException {
        List<String> words;
        try {
            words = ShellLex.of('\\').withRawQuotes(true).withRawEscapes(true).withSkipUnsetEnv(true)
                    .processWords(line, Map.of());
        } catch (ExpansionException e) {
            return List.of();
        }
        List<HeredocWord> out = new ArrayList<>();
        for (String word : words) {
            HeredocWord doc = heredocWord(word, lineNo);
            if (doc != null) {
                out.add(doc);
            }
        }
        return out;
    }

    /** Matches {@code ^(\d*)<<(-?)([^<]*)$} by hand, then reads the delimiter like BuildKit. */
    private static HeredocWord heredocWord(String word, int lineNo) throws HeredocException {
        int i = 0;
        while (i < word.length() && word.charAt(i) >= '0' && word.charAt(i) <= '9') {
            i++;
        }
        if (!word.startsWith("<<", i)) {
            return null;
        }
        String digits = word.substring(0, i);
        i += 2;
        boolean chomp = i < word.length() && word.charAt(i) == '-';
        if (chomp) {
            i++;
        }
        String rest = word.substring(i);
        if (rest.isEmpty() || rest.indexOf('<') >= 0) {
            return null;
        }
        List<String> plain;
        List<String> raw;
        try {
            ShellLex lex = ShellLex.of('\\').withSkipUnsetEnv(true);
            plain = lex.processWords(rest, Map.of());
            if (plain.size() != 1) {
                return null;
            }
            raw = lex.withRawQuotes(true).processWords(rest, Map.of());
        } catch (ExpansionException e) {
            throw new HeredocException(lineNo, e.getMessage());
        }
        if (raw.size() != plain.size()) {
            throw new HeredocException(lineNo, "internal lexing of heredoc produced inconsistent results: " + rest);
        }
        String name = plain.get(0);
        boolean expand = quotes(name) == quotes(raw.get(0));
        int fd = 0;
        if (!digits.isEmpty()) {
            try {
                fd = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                fd = 0;
            }
        }
        return new HeredocWord(name, fd, expand, chomp);
    }

    private static int quotes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\'' || s.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    /**
     * The parser-directive check BuildKit runs on every top-level line until the first non-directive; true when
     * {@code token} is a directive.
     */
    private boolean directive(String token, int lineNo) {
        if (directivesDone) {
            return false;
        }
        String[] match = matchDirective(token);
        if (match == null) {
            directivesDone = true;
            return false;
        }
        String name = match[0].toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("syntax") && !name.equals("escape") && !name.equals("check")) {
            directivesDone = true;
            return false;
        }
        if (!seenDirectives.add(name)) {
            errors.add(new ParseError(lineNo, 1, "only one " + name + " parser directive can be used"));
            return false;
        }
        directives.add(new Directive(name, match[1], lineNo));
        if (name.equals("escape")) {
            if (match[1].equals("`") || match[1].equals("\\")) {
                escape = match[1].charAt(0);
            } else {
                errors.add(new ParseError(lineNo, 1, "invalid escape token '" + match[1] + "' does not match ` or \\"));
                return false;
            }
        }
        return true;
    }

    /** {@code ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$} without a regex. */
    private static String[] matchDirective(String s) {
        if (!s.startsWith("#")) {
            return null;
        }
        int i = skipRegexSpace(s, 1);
        int nameStart = i;
        if (i >= s.length() || !isAsciiLetter(s.charAt(i))) {
            return null;
        }
        while (i < s.length() && (isAsciiLetter(s.charAt(i)) || (s.charAt(i) >= '0' && s.charAt(i) <= '9'))) {
            i++;
        }
        String name = s.substring(nameStart, i);
        i = skipRegexSpace(s, i);
        if (i >= s.length() || s.charAt(i) != '=') {
            return null;
        }
        i = skipRegexSpace(s, i + 1);
        int end = s.length();
        while (end > i && isRegexSpace(s.charAt(end - 1))) {
            end--;
        }
        if (end <= i) {
            return null;
        }
        return new String[] {name, s.substring(i, end)};
    }

    private static int skipRegexSpace(String s, int i) {
        while (i < s.length() && isRegexSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A line with its continuation escape removed, and whether the instruction ends on it. */
    private record Continuation(String text, boolean ends) {
    }

    /** BuildKit's continuation test: the escape, then only blanks, and not itself escaped. */
    private Continuation continuation(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        if (end > 0 && line.charAt(end - 1) == escape) {
            if (end == 1) {
                return new Continuation("", false);
            }
            if (line.charAt(end - 2) != escape) {
                return new Continuation(line.substring(0, end - 1), false);
            }
        }
        return new Continuation(line, true);
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && GoChars.isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String trimNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
