package dev.whittle.diagnose;

/**
 * A place in the Dockerfile given with {@code --dockerfile}.
 *
 * @param file the file name as given
 * @param line the first line of the instruction, 1-based
 * @param text the instruction as written (continuation lines joined)
 */
public record SourceLine(String file, int line, String text) {
}
