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
 */
public record WrittenImage(String reference, String format, Digest manifestDigest, Digest configDigest,
                           List<Descriptor> layers) {

    public WrittenImage {
        layers = List.copyOf(layers);
    }

    /** The layer blobs' bytes: what a pull transfers, configs and manifests aside. */
    public long layerBytes() {
        return layers.stream().mapToLong(Descriptor::size).sum();
    }
}
