package dev.whittle.measure.tree;

/** How an entry of a layer's tree came to be, as dive marks its file pane; each has a letter for text without colour. */
public enum Mark {
    /** New in the selected layer. */
    ADDED('A'),
    /** Present below and changed by the selected layer (a directory: something below it changed). */
    MODIFIED('M'),
    /** Present below and deleted by the selected layer. */
    REMOVED('R'),
    /** Present below and left alone. */
    UNMODIFIED('U');

    private final char letter;

    Mark(char letter) {
        this.letter = letter;
    }

    /** The one-letter mark: A, M, R or U. */
    public char letter() {
        return letter;
    }
}
