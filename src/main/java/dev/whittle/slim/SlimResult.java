package dev.whittle.slim;

import dev.whittle.compare.Comparison;
import dev.whittle.image.Descriptor;
import dev.whittle.write.WrittenImage;
import java.util.List;

/**
 * The outcome of {@code whittle slim} ({@code kind: "slim"} in JSON): the plan, what was written and the before/after
 * comparison (both null for a dry run).
 *
 * @param plan       what was planned, in bytes
 * @param output     the output image, or null for a dry run
 * @param comparison input against output, as {@code whittle compare} measures them, or null for a dry run
 */
public record SlimResult(SlimPlan plan, Output output, Comparison comparison) {

    /** A dry run's result. */
    public static SlimResult planned(SlimPlan plan) {
        return new SlimResult(plan, null, null);
    }

    /** A written image's result. */
    public static SlimResult written(SlimPlan plan, WrittenImage image, Comparison comparison) {
        List<Blob> layers = image.layers().stream().map(Blob::of).toList();
        return new SlimResult(plan, new Output(image.reference(), image.format(), image.manifestDigest().toString(),
                image.configDigest().toString(), layers, image.layerBytes(), image.pushed()), comparison);
    }

    /**
     * The image written.
     *
     * @param reference      how to name it, e.g. {@code oci:out:slim}
     * @param format         {@code docker-archive}, {@code oci}, {@code oci-archive} or {@code docker} (a registry)
     * @param manifestDigest its OCI manifest's digest
     * @param configDigest   its config's digest (the image id)
     * @param layers         its layer blobs, base first
     * @param layerBytes     the layer blobs' total size
     * @param pushed         for {@code docker://}, how each layer blob got there ({@code present}: the registry had
     *                       it; {@code mounted} from the input's repository; {@code uploaded}), base first; else empty
     */
    public record Output(String reference, String format, String manifestDigest, String configDigest,
                         List<Blob> layers, long layerBytes, List<String> pushed) {
        public Output {
            layers = List.copyOf(layers);
            pushed = List.copyOf(pushed);
        }
    }

    /**
     * One layer blob.
     *
     * @param mediaType its media type
     * @param digest    its digest
     * @param size      its size
     */
    public record Blob(String mediaType, String digest, long size) {
        static Blob of(Descriptor d) {
            return new Blob(d.mediaType(), d.digest().toString(), d.size());
        }
    }
}
