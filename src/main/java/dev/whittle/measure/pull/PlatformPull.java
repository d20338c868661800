package dev.whittle.measure.pull;

import dev.whittle.image.Digest;
import dev.whittle.image.Platform;
import java.util.List;

/**
 * What pulling one platform's image moves: the manifest, the config and every layer.
 *
 * @param platform       the platform, or null when the source names none
 * @param manifestDigest the manifest's digest, or null when the source has no manifest
 * @param manifestSize   the manifest's bytes
 * @param configSize     the config blob's bytes
 * @param layers         the layers, base first
 */
public record PlatformPull(Platform platform, Digest manifestDigest, long manifestSize, long configSize,
                           List<LayerSize> layers) {
    public PlatformPull {
        layers = List.copyOf(layers);
    }

    /** Bytes a fresh machine downloads for this platform. */
    public long totalBytes() {
        return manifestSize + configSize + layers.stream().mapToLong(LayerSize::size).sum();
    }

    /** True when every layer's size is a compressed wire size, so {@link #totalBytes()} is the real pull size. */
    public boolean compressedKnown() {
        return layers.stream().allMatch(LayerSize::compressed);
    }

    /** The platform as text, {@code unknown} when absent. */
    public String platformName() {
        return platform == null ? "unknown" : platform.toString();
    }
}
