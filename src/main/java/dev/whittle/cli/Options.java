package dev.whittle.cli;

import dev.whittle.image.UsageException;

/** Checks on option values that picocli's types cannot express. */
final class Options {
    private Options() {
    }

    static void requireNonNegative(String option, int value) {
        if (value < 0) {
            throw new UsageException(option + " must be 0 or more, got " + value);
        }
    }
}
