package dev.whittle.image;

import java.util.Map;
import java.util.Objects;

/**
 * Points at a blob: its media type, digest and exact stored size, plus the platform (in indexes) and annotations.
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform,
                         Map<String, String> annotations) {
    /** The annotation that names a tag inside an OCI layout. */
    public static final String REF_NAME = "org.opencontainers.image.ref.name";

    public Descriptor {
        Objects.requireNonNull(digest, "digest");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for " + digest);
        }
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public Descriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    /** The OCI ref name annotation, or null. */
    public String refName() {
        return annotations.get(REF_NAME);
    }
}
