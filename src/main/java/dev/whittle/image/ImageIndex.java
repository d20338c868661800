package dev.whittle.image;

import java.util.List;
import java.util.Map;

/** An OCI image index or Docker manifest list: descriptors of manifests or of nested indexes. */
public record ImageIndex(int schemaVersion, String mediaType, List<Descriptor> manifests,
                         Map<String, String> annotations) {
    public ImageIndex {
        manifests = List.copyOf(manifests);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}
