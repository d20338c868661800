package dev.whittle.compare;

import java.util.List;

/**
 * What changed from one image's final filesystem to another's, compared by path and size.
 *
 * @param from        the first image
 * @param to          the second image
 * @param depth       directories are grouped at this many path segments
 * @param bytesBefore visible content bytes of the first image
 * @param bytesAfter  visible content bytes of the second image
 * @param directories changed directories, largest absolute change first
 * @param files       changed files, largest absolute change first (possibly cut; see {@code changedFiles})
 * @param changedFiles how many files changed in all
 */
public record FilesystemDiff(String from, String to, int depth, long bytesBefore, long bytesAfter,
                             List<DirectoryChange> directories, List<FileChange> files, int changedFiles) {
    public FilesystemDiff {
        directories = List.copyOf(directories);
        files = List.copyOf(files);
    }
}
