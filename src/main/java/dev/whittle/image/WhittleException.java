package dev.whittle.image;

/**
 * The root of Whittle's own errors. Each kind maps to one exit code; the message is a single line fit for stderr.
 */
public abstract class WhittleException extends RuntimeException {
    protected WhittleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code this error maps to (see {@code whittle --help}). */
    public abstract int exitCode();
}
