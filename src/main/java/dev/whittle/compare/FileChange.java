package dev.whittle.compare;

/**
 * One non-directory path whose presence or size differs between two final filesystems.
 *
 * @param path   absolute path
 * @param kind   added, removed, grown or shrunk
 * @param before content bytes in the first image (0 when absent)
 * @param after  content bytes in the second image (0 when absent)
 */
public record FileChange(String path, FileChangeKind kind, long before, long after) {

    /** after - before. */
    public long delta() {
        return after - before;
    }
}
