package dev.whittle.compare;

/**
 * The file changes below one directory, summed.
 *
 * @param path    the directory (cut to the diff's depth)
 * @param before  content bytes of the changed files in the first image
 * @param after   content bytes of the changed files in the second image
 * @param added   files added
 * @param removed files removed
 * @param grown   files grown
 * @param shrunk  files shrunk
 */
public record DirectoryChange(String path, long before, long after, int added, int removed, int grown, int shrunk) {

    /** after - before. */
    public long delta() {
        return after - before;
    }
}
