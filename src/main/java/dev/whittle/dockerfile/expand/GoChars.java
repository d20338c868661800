package dev.whittle.dockerfile.expand;

/** Go's character predicates, which BuildKit's parser and lexer rely on; shared so both agree. */
public final class GoChars {

    private GoChars() {
    }

    /** Go's {@code unicode.IsSpace}. */
    public static boolean isSpace(int ch) {
        switch (ch) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
                return true;
            default:
                if (ch < 0x100) {
                    return false;
                }
                int type = Character.getType(ch);
                return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR;
        }
    }

    /** The separators of BuildKit's {@code [\t\v\f\r ]+} splitting regex. */
    public static boolean isTokenSpace(int ch) {
        return ch == '\t' || ch == 0x0B || ch == '\f' || ch == '\r' || ch == ' ';
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    public static boolean isPrint(int ch) {
        if (ch == ' ') {
            return true;
        }
        switch (Character.getType(ch)) {
            case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER: case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER: case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK: case Character.ENCLOSING_MARK: case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER: case Character.OTHER_NUMBER:
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION: case Character.OTHER_PUNCTUATION:
            case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL: case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** The code points of {@code s} (a loop, not a stream: this runs on the start-up path of {@code lint}). */
    public static int[] codePoints(String s) {
        int[] out = new int[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            out[n++] = c;
            i += Character.charCount(c);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Go's {@code strconv.Quote}: a double-quoted string with Go escapes. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int c : codePoints(s)) {
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case 0x07: out.append("\\a"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case 0x0B: out.append("\\v"); break;
                default:
                    if (isPrint(c)) {
                        out.appendCodePoint(c);
                    } else if (c < ' ' || c == 0x7F) {
                        out.append(String.format("\\x%02x", c));
                    } else if (c < 0x10000) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append(String.format("\\U%08x", c));
                    }
            }
        }
        return out.append('"').toString();
    }
}
