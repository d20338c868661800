package dev.whittle.policy;

/**
 * The image to measure growth against.
 *
 * @param reference       the baseline as configured (an image or a saved {@code whittle inspect --json} file)
 * @param contentBytes    its content bytes
 * @param compressedBytes its pull size, or null when unknown
 */
public record Baseline(String reference, long contentBytes, Long compressedBytes) {
}
