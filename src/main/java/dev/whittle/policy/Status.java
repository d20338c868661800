package dev.whittle.policy;

/** The outcome of one rule. */
public enum Status {
    /** The image is within the limit. */
    PASS,
    /** The image breaks the limit: the gate fails. */
    FAIL,
    /** The rule is disabled or cannot be measured for this image (e.g. pull size of uncompressed layers). */
    SKIP
}
