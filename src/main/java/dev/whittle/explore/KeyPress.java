package dev.whittle.explore;

/**
 * One key press.
 *
 * @param key  which key
 * @param text the character typed, for {@link Key#CHAR}; else empty
 */
public record KeyPress(Key key, String text) {

    /** A key that types nothing. */
    public static KeyPress of(Key key) {
        return new KeyPress(key, "");
    }

    /** A printable character. */
    public static KeyPress ch(char c) {
        return new KeyPress(Key.CHAR, String.valueOf(c));
    }

    /** True for the printable character {@code c}. */
    public boolean is(char c) {
        return key == Key.CHAR && text.length() == 1 && text.charAt(0) == c;
    }
}
