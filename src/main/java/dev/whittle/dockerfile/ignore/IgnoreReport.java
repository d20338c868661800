package dev.whittle.dockerfile.ignore;

import java.util.List;

/**
 * {@code whittle dockerignore --json}: the proposal for one build context, for tools rather than people.
 *
 * @param file        the ignore file the proposal is for
 * @param changed     true when lines are proposed (the command then exits 1 unless it wrote the file)
 * @param diff        the unified diff the text output prints ({@code ""} when nothing changes)
 * @param added       the proposed lines, each with what it leaves out
 * @param kept        lines not proposed because an instruction needs what they match
 * @param bytesBefore bytes the context sends today
 * @param bytesAfter  bytes it sends with the proposal
 * @param filesBefore files the context sends today
 * @param filesAfter  files it sends with the proposal
 */
public record IgnoreReport(String file, boolean changed, String diff, List<IgnoreProposal.Added> added,
        List<IgnoreProposal.Kept> kept, long bytesBefore, long bytesAfter, long filesBefore, long filesAfter) {

    public IgnoreReport {
        added = List.copyOf(added);
        kept = List.copyOf(kept);
    }

    /** The report for proposal {@code p} on {@code file}, with the diff already made. */
    public static IgnoreReport of(String file, IgnoreProposal p, String diff) {
        return new IgnoreReport(file, p.changed(), diff, p.added(), p.kept(), p.bytesBefore(), p.bytesAfter(),
                p.filesBefore(), p.filesAfter());
    }
}
