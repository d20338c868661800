package dev.whittle.policy;

/** One check of the gate. */
public interface Rule {
    /** The key as configured, e.g. {@code max-size}. */
    String key();

    /** Checks the image. */
    RuleResult evaluate(Subject subject);
}
