package dev.whittle.dockerfile.fix;

import java.util.List;

/**
 * The outcome of fixing one Dockerfile.
 *
 * @param original  the text as read
 * @param fixed     the text with every safe fix applied (equal to {@code original} when nothing applied)
 * @param applied   the fixes made, in the order they were made
 * @param unfixable the findings of the fixed text that remain, with the reason each was not fixed
 */
public record FixResult(String original, String fixed, List<AppliedFix> applied, List<Unfixable> unfixable) {

    public FixResult {
        applied = List.copyOf(applied);
        unfixable = List.copyOf(unfixable);
    }

    /** True when the fixed text differs from the original. */
    public boolean changed() {
        return !original.equals(fixed);
    }
}
