package dev.whittle.compare;

import java.util.List;

/**
 * Which layers of an image the first image already has: what a host holding the first image would still pull.
 *
 * @param name        the image
 * @param base        the first image
 * @param layers      its layers, base first
 * @param sharedCount layers shared with the first image
 * @param sharedBytes their content bytes
 * @param newCount    layers the first image does not have
 * @param newBytes    their content bytes
 */
public record LayerSharing(String name, String base, List<SharedLayer> layers, int sharedCount, long sharedBytes,
                           int newCount, long newBytes) {
    public LayerSharing {
        layers = List.copyOf(layers);
    }
}
