package dev.whittle.source;

import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;

/**
 * Opens any {@link ImageReference} with the reader for its transport: local ones through {@link LocalImages}, a
 * registry through {@code registry.RegistryImageSource}, the engine through {@code daemon.DaemonImageSource}. Those
 * readers never call back into this class, so the dependencies run one way.
 */
public final class ImageSources {
    private ImageSources() {
    }

    /** Opens {@code reference}; the caller closes the image. */
    public static Image open(ImageReference reference, SourceOptions options) {
        if (LocalImages.isLocal(reference)) {
            return LocalImages.open(reference, options);
        }
        if (reference instanceof ImageReference.Registry r) {
            return dev.whittle.source.registry.RegistryImageSource.open(r, options);
        }
        if (reference instanceof ImageReference.Daemon d) {
            return dev.whittle.source.daemon.DaemonImageSource.open(d, options);
        }
        throw new UsageException("transport not supported yet: " + reference.display());
    }
}
