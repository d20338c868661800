package dev.whittle.source.registry;

import dev.whittle.image.Descriptor;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.InputException;
import dev.whittle.image.Platform;
import dev.whittle.source.PlatformChooser;
import java.util.List;

/**
 * Picks one image from a registry index with the shared {@link PlatformChooser} rules, after leaving out attestation
 * manifests ({@code unknown/unknown}, or annotated {@code vnd.docker.reference.type}), which are not images.
 */
public final class PlatformSelector {
    private PlatformSelector() {
    }

    /** The entries that are runnable images (not attestations or other artifacts). */
    public static List<Descriptor> images(ImageIndex index) {
        return index.manifests().stream()
                .filter(d -> d.platform() == null || !d.platform().os().equals("unknown"))
                .filter(d -> !d.annotations().containsKey("vnd.docker.reference.type"))
                .toList();
    }

    /**
     * @param requested the user's {@code --platform}, or null for the only image, else the host's
     * @param what      the index, for messages
     */
    public static Descriptor select(ImageIndex index, Platform requested, String what) {
        List<Descriptor> images = images(index);
        if (images.isEmpty()) {
            throw new InputException(what + ": index lists no images");
        }
        return PlatformChooser.choose(images, Descriptor::platform, requested, what);
    }
}
