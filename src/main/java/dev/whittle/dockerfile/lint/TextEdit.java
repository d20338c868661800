package dev.whittle.dockerfile.lint;

/**
 * Replace the characters {@code [startOffset, endOffset)} of the original Dockerfile text with {@code replacement}
 * (an insertion when the range is empty). Offsets count UTF-16 chars of the text exactly as read, a leading
 * byte-order mark included.
 */
public record TextEdit(int startOffset, int endOffset, String replacement) {

    public TextEdit {
        if (startOffset < 0 || endOffset < startOffset) {
            throw new IllegalArgumentException("bad edit range " + startOffset + ".." + endOffset);
        }
        if (replacement == null) {
            throw new IllegalArgumentException("replacement must not be null");
        }
    }

    /** Inserts {@code text} before the character at {@code offset}. */
    public static TextEdit insert(int offset, String text) {
        return new TextEdit(offset, offset, text);
    }
}
