package dev.whittle.source.registry;

import dev.whittle.image.SourceUnavailableException;

/**
 * A registry's refusal, carrying the {@link RegistryError} for the CLI to render. Exit 3. The message is a terse
 * technical fallback for logs and {@code --debug}, not the line a user reads.
 */
public final class RegistryException extends SourceUnavailableException {
    private final transient RegistryError error;

    public RegistryException(RegistryError error) {
        super("registry " + error.registry() + ": HTTP " + error.status()
                + (error.code() == null ? "" : " " + error.code()) + " for " + error.request().method() + " "
                + error.request().uri());
        this.error = error;
    }

    /** The error as data. */
    public RegistryError error() {
        return error;
    }
}
