package dev.whittle.report;

import dev.whittle.fs.FileEntry;
import java.util.List;

/**
 * What {@code whittle find} shows.
 *
 * @param reference  the image
 * @param patterns   the globs asked for
 * @param matches    matching paths (a matching directory once, with its total), sorted by path
 * @param totalBytes content bytes of all matches
 */
public record FindResult(String reference, List<String> patterns, List<FileEntry> matches, long totalBytes) {
    public FindResult {
        patterns = List.copyOf(patterns);
        matches = List.copyOf(matches);
    }
}
