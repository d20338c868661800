package dev.whittle.dockerfile.ignore;

import java.util.List;

/**
 * What {@code whittle dockerignore} proposes for one build context.
 *
 * @param oldText      the ignore file as it is ({@code ""} when there is none)
 * @param newText      the ignore file with the proposed lines (equal to {@code oldText} when there are none)
 * @param added        the proposed lines, each with what it leaves out
 * @param kept         lines that were considered and not proposed because an instruction needs what they match
 * @param bytesBefore  bytes of the files the context sends today
 * @param bytesAfter   bytes it sends with the new ignore file
 * @param filesBefore  files the context sends today
 * @param filesAfter   files it sends with the new ignore file
 */
public record IgnoreProposal(String oldText, String newText, List<Added> added, List<Kept> kept, long bytesBefore,
        long bytesAfter, long filesBefore, long filesAfter) {

    /** A proposed line: the pattern, its group and what it leaves out. */
    public record Added(String pattern, String group, long bytes, long files) {
    }

    /** A line not proposed: the pattern and the instruction that needs what it matches. */
    public record Kept(String pattern, String reason) {
    }

    public IgnoreProposal {
        added = List.copyOf(added);
        kept = List.copyOf(kept);
    }

    /** True when the ignore file would change. */
    public boolean changed() {
        return !oldText.equals(newText);
    }

    /** Bytes the proposal removes from the context. */
    public long bytesRemoved() {
        return bytesBefore - bytesAfter;
    }
}
