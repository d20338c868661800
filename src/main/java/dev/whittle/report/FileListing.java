package dev.whittle.report;

import dev.whittle.fs.FileEntry;
import java.util.List;

/**
 * What {@code whittle ls} shows: entries of the final filesystem under a path.
 *
 * @param reference    the image
 * @param path         the path asked for
 * @param resolvedPath the path after following symlinks inside the image (equal to {@code path} when none)
 * @param depth        how many levels below the path were listed (-1 = all)
 * @param entries      the path's entries, parents before children, names sorted
 */
public record FileListing(String reference, String path, String resolvedPath, int depth, List<FileEntry> entries) {
    public FileListing {
        entries = List.copyOf(entries);
    }
}
