package dev.whittle.measure;

import java.util.List;

/**
 * Everything {@code whittle inspect} reports about one image: plain data, ready for a renderer or Jackson.
 *
 * @param reference    the image reference as the user gave it
 * @param tags         the tags the image carries in its source (RepoTags, OCI ref names); may be empty
 * @param format       the container format it came from
 * @param digest       the manifest digest, or null when the source has no manifest
 * @param imageId      the config digest (docker's IMAGE ID)
 * @param platform     {@code os/arch[/variant]}, or null
 * @param totals       image-wide numbers by Whittle's definitions
 * @param layers       one row per layer, base first
 * @param largestFiles the largest files of the final filesystem, largest first
 * @param wastedFiles  hidden-but-shipped files, largest first (possibly cut to a limit; see
 *                     {@link Totals#wastedFiles()} for the full count)
 * @param dive         dive's numbers, computed exactly as dive computes them
 */
public record Measurement(String reference, List<String> tags, String format, String digest, String imageId, String platform,
                          Totals totals, List<LayerMeasure> layers, List<LargeFile> largestFiles,
                          List<WastedFile> wastedFiles, DiveMetrics dive) {
    public Measurement {
        tags = tags == null ? List.of() : List.copyOf(tags);
        layers = List.copyOf(layers);
        largestFiles = List.copyOf(largestFiles);
        wastedFiles = List.copyOf(wastedFiles);
    }
}
