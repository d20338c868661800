package dev.whittle.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON (exec) form the way BuildKit does with Go's {@code json.Unmarshal}: the text must be one JSON
 * array (whitespace around it allowed), any syntax error or trailing text means "not JSON" (the caller falls back to
 * the shell form), and a valid array holding anything other than strings is a hard error.
 */
final class JsonArray {

    /** The outcome: {@code strings} when valid; {@code notStrings} when valid JSON but not all strings. */
    record Result(List<String> strings, boolean notStrings) {
    }

    private static final Object NOT_A_STRING = new Object();

    private final String s;
    private int pos;

    private JsonArray(String s) {
        this.s = s;
    }

    /** Parses {@code text} (already left-trimmed, starting with {@code [}); null when it is not valid JSON. */
    static Result parse(String text) {
        JsonArray reader = new JsonArray(text);
        try {
            Object value = reader.value();
            reader.skipSpace();
            if (!(value instanceof List<?> list) || reader.pos < text.length()) {
                return null; // like Go's json.Unmarshal, text after the array makes it "not JSON"
            }
            List<String> strings = new ArrayList<>(list.size());
            for (Object element : list) {
                if (!(element instanceof String str)) {
                    return new Result(List.of(), true);
                }
                strings.add(str);
            }
            return new Result(strings, false);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private Object value() {
        skipSpace();
        char c = peek();
        switch (c) {
            case '[':
                return array();
            case '{':
                object();
                return NOT_A_STRING;
            case '"':
                return string();
            case 't':
                literal("true");
                return NOT_A_STRING;
            case 'f':
                literal("false");
                return NOT_A_STRING;
            case 'n':
                literal("null");
                return NOT_A_STRING;
            default:
                number();
                return NOT_A_STRING;
        }
    }

    private List<Object> array() {
        pos++;
        List<Object> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value());
            skipSpace();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw fail();
            }
        }
    }

    private void object() {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw fail();
            }
            string();
            skipSpace();
            if (next() != ':') {
                throw fail();
            }
            value();
            skipSpace();
            char c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw fail();
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw fail(); // raw control characters (tabs included) are not allowed in JSON strings
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/': out.append(e); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(unicodeEscape()); break;
                default: throw fail();
            }
        }
    }

    private String unicodeEscape() {
        char c = (char) hex4();
        if (Character.isHighSurrogate(c) && s.startsWith("\\u", pos)) {
            int save = pos;
            pos += 2;
            char low = (char) hex4();
            if (Character.isLowSurrogate(low)) {
                return new String(new char[] {c, low});
            }
            pos = save;
        }
        return Character.isSurrogate(c) ? "\uFFFD" : String.valueOf(c);
    }

    private int hex4() {
        if (pos + 4 > s.length()) {
            throw fail();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
                throw fail();
            }
            v = v * 16 + d;
        }
        return v;
    }

    private void number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw fail();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        if (pos == start) {
            throw fail();
        }
    }

    private void digits() {
        if (!isDigit(peek())) {
            throw fail();
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw fail();
        }
        pos += word.length();
    }

    private void skipSpace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= s.length()) {
            throw fail();
        }
        return s.charAt(pos++);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalStateException fail() {
        return new IllegalStateException("invalid JSON");
    }
}
