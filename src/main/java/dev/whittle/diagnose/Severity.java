package dev.whittle.diagnose;

/** How much a finding matters: secrets and large waste first. */
public enum Severity {
    /** A secret shipped, or waste of at least 10% of the image. */
    HIGH,
    /** Waste worth a change. */
    MEDIUM,
    /** Small waste, or a change with real trade-offs. */
    LOW,
    /** Context, no bytes to save by itself (e.g. the base image). */
    INFO;

    /** The severity of saving {@code bytes} out of {@code content}: 10% or more is high, 1% or more medium. */
    static Severity ofShare(long bytes, long content) {
        if (content <= 0) {
            return LOW;
        }
        double share = (double) bytes / content;
        return share >= 0.10 ? HIGH : share >= 0.01 ? MEDIUM : LOW;
    }
}
