package dev.whittle.image;

/**
 * The input cannot be read as an image: missing, truncated, corrupt, malformed or hostile. Exit 3.
 */
public class InputException extends WhittleException {
    public InputException(String message) {
        super(message, null);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
