package dev.whittle.diagnose;

/**
 * Files of one finding summarised under a path: a directory (ending in {@code /}) or a single file.
 *
 * @param path  absolute path; a directory ends with {@code /}
 * @param bytes content bytes of the files under it
 * @param files how many files
 * @param note  what the files are, where it matters (a secret's kind, a package's name), else null
 */
public record PathGroup(String path, long bytes, long files, String note) {
}
