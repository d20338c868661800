package dev.whittle.image;

/** The place the image lives cannot be reached: a registry or engine that refuses, times out or is absent. Exit 3. */
public class SourceUnavailableException extends WhittleException {
    public SourceUnavailableException(String message) {
        super(message, null);
    }

    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
