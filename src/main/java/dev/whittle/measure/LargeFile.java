package dev.whittle.measure;

/**
 * A file of the final filesystem.
 *
 * @param path  absolute path
 * @param bytes content size
 * @param layer the layer providing it
 */
public record LargeFile(String path, long bytes, int layer) {
}
