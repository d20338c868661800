package dev.whittle.measure.pull;

/**
 * One layer as a pull moves it.
 *
 * @param index      position, 0 = base
 * @param digest     the blob digest, {@code sha256:...}
 * @param mediaType  the declared media type
 * @param size       bytes on the wire (compressed when {@code compressed})
 * @param compressed false when the source stores the layer uncompressed, so its wire size is not known here
 */
public record LayerSize(int index, String digest, String mediaType, long size, boolean compressed) {
}
