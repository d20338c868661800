package dev.whittle.compare;

/**
 * What to compare beyond the table.
 *
 * @param files    diff the final filesystems of the first two images
 * @param layers   report shared and new layers against the first image
 * @param depth    group file changes by directories of this many path segments (1 or more)
 * @param maxFiles list at most this many changed files (the largest)
 */
public record CompareOptions(boolean files, boolean layers, int depth, int maxFiles) {
    /** Table only. */
    public static final CompareOptions TABLE = new CompareOptions(false, false, 3, Integer.MAX_VALUE);

    public CompareOptions {
        if (depth < 1 || maxFiles < 0) {
            throw new IllegalArgumentException("depth must be 1 or more and maxFiles 0 or more");
        }
    }
}
