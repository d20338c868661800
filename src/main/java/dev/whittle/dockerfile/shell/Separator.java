package dev.whittle.dockerfile.shell;

/** What joins a command to the one before it. */
public enum Separator {
    /** First command of its script. */
    START(""),
    /** {@code &&}: runs only when the previous one succeeded. */
    AND("&&"),
    /** {@code ||}: runs only when the previous one failed. */
    OR("||"),
    /** {@code ;} (also {@code ;;} in {@code case}). */
    SEMICOLON(";"),
    /** {@code |} or {@code |&}: reads the previous command's output. */
    PIPE("|"),
    /** A line break. */
    NEWLINE("\n"),
    /** {@code &}: the previous command runs in the background. */
    BACKGROUND("&");

    private final String symbol;

    Separator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written. */
    public String symbol() {
        return symbol;
    }
}
