package dev.whittle.write;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import java.util.List;

/**
 * What {@link ImageWriter} wrote.
 *
 * @param reference      the destination as the user can name it again, e.g. {@code oci:out:slim}
 * @param format         {@code docker-archive}, {@code oci} or {@code oci-archive}
 * @param manifestDigest the OCI manifest's digest (for docker-archive the manifest a registry push would carry)
 * @param configDigest   the config blob's digest: the image id
 * @param layers         the layer blobs, base first
 * @param pushed         for a registry destination, how each layer blob got there ({@code present}, {@code mounted}
 *                       or {@code uploaded}), base first; empty for files
 */
public record WrittenImage(String reference, String format, Digest manifestDigest, Digest configDigest,
                           List<Descriptor> layers, List<String> pushed) {

    public WrittenImage {
        layers = List.copyOf(layers);
        pushed = List.copyOf(pushed);
    }

    /** An image written to files. */
    public WrittenImage(String reference, String format, Digest manifestDigest, Digest configDigest,
                        List<Descriptor> layers) {
        this(reference, format, manifestDigest, configDigest, layers, List.of());
    }

    /** The layer blobs' bytes: what a pull transfers, configs and manifests aside. */
    public long layerBytes() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
