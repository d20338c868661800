package dev.whittle.source.registry;

import dev.whittle.image.Descriptor;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.InputException;
import dev.whittle.image.Platform;
import dev.whittle.image.UsageException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks one image from an index: the requested platform; else the only image there is; else the host's; else an
 * error listing what the index offers. Attestation manifests ({@code unknown/unknown}) never count as images.
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
     * @param requested the user's {@code --platform}, or null
     * @param what      the index, for messages
     */
    public static Descriptor select(ImageIndex index, Platform requested, String what) {
        List<Descriptor> images = images(index);
        if (images.isEmpty()) {
            throw new InputException(what + ": index lists no images");
        }
        if (requested != null) {
            return best(images, requested).orElseThrow(() -> new UsageException(what + " has no image for platform "
                    + requested + "; it has: " + list(images)));
        }
        if (images.size() == 1) {
            return images.get(0);
        }
        return best(images, Platform.host()).orElseThrow(() -> new UsageException(what + " holds "
                + images.size() + " platforms and none is this host's (" + Platform.host() + "); pick one with"
                + " --platform: " + list(images)));
    }

    /** An exact variant match first, then any the request accepts. */
    private static java.util.Optional<Descriptor> best(List<Descriptor> images, Platform requested) {
        return images.stream().filter(d -> requested.equals(d.platform())).findFirst()
                .or(() -> images.stream().filter(d -> requested.accepts(d.platform())).findFirst());
    }

    private static String list(List<Descriptor> images) {
        return images.stream().map(d -> d.platform() == null ? "(no platform)" : d.platform().toString())
                .collect(Collectors.joining(", "));
    }
}
