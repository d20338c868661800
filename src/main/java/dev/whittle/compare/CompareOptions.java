package dev.whittle.compare;

/**
 * What to compare beyond the table.
 *
 * @param files    diff the final filesystems of the first two images
 * @param layers   report shared and new layers against the first image
 * @param depth    group file changes by directories of this many path segments (1 or more)
 * @param maxFiles list at most this many changed files (the largest)
 * @param packages diff every later image's installed packages against the first's (the images must have been
 *                 loaded with their packages)
 */
public record CompareOptions(boolean files, boolean layers, int depth, int maxFiles, boolean packages) {
    /** Table only. */
    public static final CompareOptions TABLE = new CompareOptions(false, false, 3, Integer.MAX_VALUE);

    /** Options without a package diff. */
    public CompareOptions(boolean files, boolean layers, int depth, int maxFiles) {
        this(files, layers, depth, maxFiles, false);
    }

    public CompareOptions {
        if (depth < 1 || maxFiles < 0) {
            throw new IllegalArgumentException("depth must be 1 or more and maxFiles 0 or more");
        }
    }
}
