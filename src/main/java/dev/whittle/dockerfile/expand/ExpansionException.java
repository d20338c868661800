package dev.whittle.dockerfile.expand;

/** A word that cannot be expanded: unbalanced quotes, a bad {@code ${...}} or a {@code ${v:?message}} failure. */
public final class ExpansionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public ExpansionException(String message) {
        super(message, null, false, false);
    }
}
