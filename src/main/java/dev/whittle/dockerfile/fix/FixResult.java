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

    /**
     * The findings left, placed in the original text (what a diff shows on its "-" side and what is on disk until
     * the fixes are written), columns shifted with the line's text (1 where the fix rewrote that part).
     */
    public List<Unfixable> unfixableInOriginal() {
        if (!changed()) {
            return unfixable;
        }
        LineMap map = LineMap.between(original, fixed);
        List<Unfixable> out = new java.util.ArrayList<>();
        for (Unfixable u : unfixable) {
            out.add(new Unfixable(u.ruleId(), map.line(u.line()), map.column(u.line(), u.column()),
                    u.message(), u.reason()));
        }
        return List.copyOf(out);
    }

    /** True when the fixed text differs from the original. */
    public boolean changed() {
        return !original.equals(fixed);
    }
}
