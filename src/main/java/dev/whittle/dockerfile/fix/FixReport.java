package dev.whittle.dockerfile.fix;

import java.util.List;

/**
 * {@code whittle fix --json}: what fixing one Dockerfile would change, for tools rather than people.
 *
 * @param file      the Dockerfile as the user named it ({@code Dockerfile} for standard input)
 * @param changed   true when at least one fix applies (the command then exits 1 unless it wrote the file)
 * @param diff      the unified diff the text output prints ({@code ""} when nothing changes)
 * @param fixed     the whole fixed text
 * @param applied   the fixes, in the order they were made
 * @param unfixable the findings that remain, each with the reason it was not fixed
 */
public record FixReport(String file, boolean changed, String diff, String fixed, List<AppliedFix> applied,
        List<Unfixable> unfixable) {

    public FixReport {
        applied = List.copyOf(applied);
        unfixable = List.copyOf(unfixable);
    }

    /** The report for {@code result} of fixing {@code file}. */
    public static FixReport of(String file, FixResult result) {
        return new FixReport(file, result.changed(), UnifiedDiff.of(file, result.original(), result.fixed()),
                result.fixed(), result.applied(), result.unfixable());
    }
}
