package dev.whittle.explore;

/** The keys the explorer tells apart; printable characters arrive as {@link #CHAR} with their text. */
public enum Key {
    UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, TAB, BACK_TAB, ENTER, ESCAPE, BACKSPACE,
    /** Space folds the directory under the cursor. */
    SPACE,
    /** Ctrl+Space (NUL) folds or unfolds the whole tree. */
    CTRL_SPACE,
    CTRL_A, CTRL_B, CTRL_C, CTRL_F, CTRL_L, CTRL_O, CTRL_R, CTRL_U,
    /** A printable character. */
    CHAR,
    /** The mouse wheel, one notch up. */
    WHEEL_UP,
    /** The mouse wheel, one notch down. */
    WHEEL_DOWN
}
