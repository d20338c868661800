package dev.whittle.source;

import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;

/** Opens any {@link ImageReference} with the reader for its transport. */
public final class ImageSources {
    private ImageSources() {
    }

    public static Image open(ImageReference reference, SourceOptions options) {
        throw new UsageException("transport not supported yet: " + reference.display());
    }
}
