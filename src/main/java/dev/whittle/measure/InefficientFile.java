package dev.whittle.measure;

/**
 * A path dive counts as inefficient.
 *
 * @param path      absolute path
 * @param count     how many layers reference it
 * @param sizeBytes the summed size over those references
 */
public record InefficientFile(String path, int count, long sizeBytes) {
}
