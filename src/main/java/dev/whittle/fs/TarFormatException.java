package dev.whittle.fs;

/** A problem in one tar header, reported without context; {@link LayerIndexer} turns it into an InputException. */
final class TarFormatException extends RuntimeException {
    /** True when the problem is in the entry just read (its content), false when in the headers after it. */
    final boolean inCurrentEntry;

    TarFormatException(String reason) {
        this(reason, false);
    }

    TarFormatException(String reason, boolean inCurrentEntry) {
        super(reason, null, false, false);
        this.inCurrentEntry = inCurrentEntry;
    }
}
