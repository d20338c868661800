package dev.whittle.measure;

/**
 * Image-wide numbers, by Whittle's definitions.
 *
 * @param contentBytes    sum of the layers' content bytes ({@code docker images} SIZE)
 * @param visibleBytes    content bytes of the files in the final filesystem
 * @param wastedBytes     contentBytes - visibleBytes: shipped, never visible
 * @param efficiency      visibleBytes / contentBytes (1.0 for an empty image)
 * @param compressedBytes sum of the stored blob sizes when every layer blob is compressed (the pull size), else null
 * @param tarBytes        sum of the uncompressed layer tar sizes
 * @param layerCount      number of layers
 * @param visibleFiles    regular files in the final filesystem
 * @param wastedFiles     layer entries with content hidden by a later layer (or a later duplicate)
 */
public record Totals(long contentBytes, long visibleBytes, long wastedBytes, double efficiency, Long compressedBytes,
                     long tarBytes, int layerCount, long visibleFiles, long wastedFiles) {
}
