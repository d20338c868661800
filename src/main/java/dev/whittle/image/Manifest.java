package dev.whittle.image;

import java.util.List;
import java.util.Map;

/** An image manifest (OCI or Docker schema 2): a config descriptor and layer descriptors, base first. */
public record Manifest(int schemaVersion, String mediaType, Descriptor config, List<Descriptor> layers,
                       Map<String, String> annotations) {
    public Manifest {
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
