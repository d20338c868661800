package dev.whittle.dockerfile;

import dev.whittle.dockerfile.expand.GoChars;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one joined instruction line into {@link Instruction.Parts}, with BuildKit's per-instruction rules
 * (its {@code splitCommand}, {@code extractBuilderFlags} and line parsers).
 */
final class LineParser {

    /** A line BuildKit rejects; the message is BuildKit's. */
    static final class LineException extends Exception {
        private static final long serialVersionUID = 1L;

        LineException(String message) {
            super(message, null, false, false);
        }
    }

    private final char escape;

    LineParser(char escape) {
        this.escape = escape;
    }

    Instruction.Parts parse(String line, SourceMap map) throws LineException {
        Instruction.Parts parts = new Instruction.Parts();
        parts.original = line;
        parts.sourceMap = map;
        int start = 0;
        int end = line.length();
        while (start < end && GoChars.isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && GoChars.isSpace(line.charAt(end - 1))) {
            end--;
        }
        int cmdEnd = start;
        while (cmdEnd < end && !GoChars.isTokenSpace(line.charAt(cmdEnd))) {
            cmdEnd++;
        }
        parts.command = line.substring(start, cmdEnd).toLowerCase(Locale.ROOT);
        int restStart = cmdEnd;
        while (restStart < end && GoChars.isTokenSpace(line.charAt(restStart))) {
            restStart++;
        }
        List<String> flagWords = new ArrayList<>();
        int argsStart = restStart + extractFlags(line.substring(restStart, end), flagWords);
        while (argsStart < end && GoChars.isSpace(line.charAt(argsStart))) {
            argsStart++;
        }
        argsStart = Math.min(argsStart, end);
        List<Flag> flags = new ArrayList<>(flagWords.size());
        for (String word : flagWords) {
            flags.add(Flag.parse(word));
        }
        parts.flags = flags;
        parts.argsOffset = argsStart;
        parts.argsText = line.substring(argsStart, end);
        dispatch(parts, parts.argsText, map, argsStart);
        return parts;
    }

    private void dispatch(Instruction.Parts parts, String rest, SourceMap map, int restOffset) throws LineException {
        switch (Keyword.of(parts.command)) {
            case ADD, COPY, VOLUME -> maybeJsonToList(parts, rest);
            case ARG -> parts.args = words(rest);
            case CMD, ENTRYPOINT, RUN, SHELL -> maybeJson(parts, rest);
            case ENV -> nameValue(parts, rest, "ENV");
            case LABEL -> nameValue(parts, rest, "LABEL");
            case EXPOSE, FROM -> parts.args = whitespaceDelimited(rest);
            case HEALTHCHECK -> healthcheck(parts, rest);
            case MAINTAINER, STOPSIGNAL, USER, WORKDIR -> parts.args = rest.isEmpty() ? List.of() : List.of(rest);
            case ONBUILD -> {
                if (!rest.isEmpty()) {
                    SourceMap childMap = map.slice(restOffset, restOffset + rest.length());
                    Span childSpan = new Span(childMap.positionAt(0), childMap.positionAt(rest.length() - 1));
                    parts.child = new Instruction(parse(rest, childMap), List.of(), childSpan, List.of());
                }
            }
            default -> parts.args = List.of();
        }
    }

    private static void maybeJson(Instruction.Parts parts, String rest) throws LineException {
        if (rest.isEmpty()) {
            return;
        }
        if (!json(parts, rest)) {
            parts.args = List.of(rest);
        }
    }

    private static void maybeJsonToList(Instruction.Parts parts, String rest) throws LineException {
        if (!json(parts, rest)) {
            parts.args = whitespaceDelimited(rest);
        }
    }

    /** Sets JSON args when {@code rest} is a JSON array of strings; false when it is not JSON at all. */
    private static boolean json(Instruction.Parts parts, String rest) throws LineException {
        int i = 0;
        while (i < rest.length() && GoChars.isSpace(rest.charAt(i))) {
            i++;
        }
        if (!rest.startsWith("[", i)) {
            return false;
        }
        JsonArray.Result result = JsonArray.parse(rest.substring(i));
        if (result == null) {
            return false;
        }
        if (result.notStrings()) {
            throw new LineException("when using JSON array syntax, arrays must be comprised of strings only");
        }
        parts.args = result.strings();
        parts.json = true;
        return true;
    }

    private void healthcheck(Instruction.Parts parts, String rest) throws LineException {
        int sep = 0;
        while (sep < rest.length() && !GoChars.isSpace(rest.charAt(sep))) {
            sep++;
        }
        if (sep == 0) {
            return;
        }
        int next = sep;
        while (next < rest.length() && GoChars.isSpace(rest.charAt(next))) {
            next++;
        }
        Instruction.Parts cmd = new Instruction.Parts();
        maybeJson(cmd, rest.substring(next));
        List<String> args = new ArrayList<>();
        args.add(rest.substring(0, sep));
        args.addAll(cmd.args);
        parts.args = args;
        parts.json = cmd.json;
    }

    private void nameValue(Instruction.Parts parts, String rest, String key) throws LineException {
        List<String> words = words(rest);
        if (words.isEmpty()) {
            return;
        }
        List<KeyValue> pairs = new ArrayList<>();
        if (!words.get(0).contains("=")) {
            int i = 0;
            while (i < rest.length() && !GoChars.isTokenSpace(rest.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < rest.length() && GoChars.isTokenSpace(rest.charAt(j))) {
                j++;
            }
            if (i == rest.length()) {
                throw new LineException(key + " must have two arguments");
            }
            pairs.add(new KeyValue(rest.substring(0, i), rest.substring(j), ""));
        } else {
            for (String word : words) {
                int eq = word.indexOf('=');
                if (eq < 0) {
                    throw new LineException("Syntax error - can't find = in \"" + word
                            + "\". Must be of the form: name=value");
                }
                pairs.add(new KeyValue(word.substring(0, eq), word.substring(eq + 1), "="));
            }
        }
        List<String> args = new ArrayList<>(pairs.size() * 3);
        for (KeyValue pair : pairs) {
            args.add(pair.key());
            args.add(pair.value());
            args.add(pair.separator());
        }
        parts.keyValues = pairs;
        parts.args = args;
    }

    /** BuildKit's {@code [\t\v\f\r ]+} split of an already trimmed string. */
    static List<String> whitespaceDelimited(String rest) {
        if (rest.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = rest.length();
        while (true) {
            int j = i;
            while (j < n && !GoChars.isTokenSpace(rest.charAt(j))) {
                j++;
            }
            out.add(rest.substring(i, j));
            if (j == n) {
                return out;
            }
            while (j < n && GoChars.isTokenSpace(rest.charAt(j))) {
                j++;
            }
            i = j;
        }
    }

    /** BuildKit's {@code parseWords}: space-separated words, quotes and escapes kept. */
    List<String> words(String rest) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
        int n = rest.length();
        for (int pos = 0; pos < n; pos++) {
            char ch = rest.charAt(pos);
            if (!inWord && !inQuote) {
                if (GoChars.isSpace(ch)) {
                    continue;
                }
                inWord = true;
            }
            if (inWord && !inQuote) {
                if (GoChars.isSpace(ch)) {
                    inWord = false;
                    if (blankOk || word.length() > 0) {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inQuote = true;
                }
                if (ch == escape) {
                    if (pos + 1 == n) {
                        continue; // an escape at the end of the line is dropped
                    }
                    word.append(ch);
                    ch = rest.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            // inside quotes
            if (ch == quote) {
                inQuote = false;
            }
            if (ch == escape && quote != '\'') {
                if (pos + 1 == n) {
                    inQuote = false;
                    continue;
                }
                word.append(ch);
                ch = rest.charAt(++pos);
            }
            word.append(ch);
        }
        if ((inWord || inQuote) && (blankOk || word.length() > 0)) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * BuildKit's {@code extractBuilderFlags}: collects leading {@code --words} (quotes and backslashes removed),
     * stops at the first word not starting with {@code --} or after a bare {@code --}; returns where the rest starts.
     */
    static int extractFlags(String line, List<String> out) {
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean inQuote = false;
        char quote = 0;
        boolean blankOk = false;
        int n = line.length();
        for (int pos = 0; pos <= n; pos++) {
            char ch = pos < n ? line.charAt(pos) : 0;
            if (!inWord && !inQuote) {
                if (pos == n) {
                    break;
                }
                if (GoChars.isSpace(ch)) {
                    continue;
                }
                if (ch != '-' || pos + 1 == n || line.charAt(pos + 1) != '-') {
                    return pos;
                }
                inWord = true;
            }
            if (pos == n) {
                String w = word.toString();
                if (!w.equals("--") && (blankOk || !w.isEmpty())) {
                    out.add(w);
                }
                break;
            }
            if (!inQuote) {
                if (GoChars.isSpace(ch)) {
                    inWord = false;
                    if (word.toString().equals("--")) {
                        return pos;
                    }
                    if (blankOk || word.length() > 0) {
                        out.add(word.toString());
                    }
                    word.setLength(0);
                    blankOk = false;
                    continue;
                }
                if (ch == '\'' || ch == '"') {
                    quote = ch;
                    blankOk = true;
                    inQuote = true;
                    continue;
                }
                if (ch == '\\') {
                    if (pos + 1 == n) {
                        continue;
                    }
                    ch = line.charAt(++pos);
                }
                word.append(ch);
                continue;
            }
            if (ch == quote) {
                inQuote = false;
                continue;
            }
            if (ch == '\\') {
                if (pos + 1 == n) {
                    inQuote = false;
                    continue;
                }
                ch = line.charAt(++pos);
            }
            word.append(ch);
        }
        return n;
    }
}
