package dev.whittle.measure.pull;

import java.util.List;

/**
 * What pulling one platform's image moves: the manifest, the config and every layer.
 *
 * @param platform        {@code os/arch[/variant]}, or {@code unknown} when the source names none
 * @param manifestDigest  the manifest's digest, or null when the source has no manifest
 * @param manifestSize    the manifest's bytes
 * @param configSize      the config blob's bytes
 * @param totalBytes      what a fresh machine downloads: manifest, config and layers
 * @param compressedKnown true when every layer size is a compressed wire size, so {@code totalBytes} is the real pull
 *                        size; false for sources that store layers uncompressed
 * @param layers          the layers, base first
 */
public record PlatformPull(String platform, String manifestDigest, long manifestSize, long configSize,
                           long totalBytes, boolean compressedKnown, List<LayerSize> layers) {
    public PlatformPull {
        layers = List.copyOf(layers);
    }

    /** Computes the totals from the parts. */
    public static PlatformPull of(String platform, String manifestDigest, long manifestSize, long configSize,
                                  List<LayerSize> layers) {
        long total = manifestSize + configSize + layers.stream().mapToLong(LayerSize::size).sum();
        return new PlatformPull(platform == null ? "unknown" : platform, manifestDigest, manifestSize, configSize,
                total, layers.stream().allMatch(LayerSize::compressed), layers);
    }
}
