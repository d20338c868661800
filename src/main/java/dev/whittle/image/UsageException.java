package dev.whittle.image;

/** The user asked for something that cannot be done as asked: a bad flag value, a missing argument. Exit 2. */
public class UsageException extends WhittleException {
    public UsageException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
