package dev.whittle.write;

import dev.whittle.image.WhittleException;

/** The output image could not be written (a full disk, no permission, a destination in the way). Exit 3. */
public final class OutputException extends WhittleException {

    public OutputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return 3;
    }
}
