package dev.whittle.fleet.query;

import java.util.List;

/**
 * What {@code whittle fleet report} shows about one finished scan, every figure computed before rendering. An
 * "image" is one manifest (one platform); several tags may name it. Byte counts of layers are the compressed blobs a
 * registry stores and a machine pulls; image sizes are uncompressed, as {@code inspect} measures them.
 *
 * @param scan          the scan reported on
 * @param totals        the fleet's totals
 * @param largest       the largest images by uncompressed size, at most {@code top}
 * @param mostWasteful  the images with the most wasted bytes, at most {@code top} (only images that waste any)
 * @param bases         base images in use, stale ones first, then by how many images carry them
 * @param sharedLayers  the layers carried by the most images (at least two), at most {@code top}
 * @param findings      explain's findings summed per code over the fleet, the most bytes first
 * @param images        every image of the scan, largest first (what the CSV lists)
 */
public record FleetReport(ScanRef scan, Totals totals, List<Image> largest, List<Image> mostWasteful,
                          List<BaseUse> bases, List<SharedLayer> sharedLayers, List<FindingTotal> findings,
                          List<Image> images) {

    public FleetReport {
        largest = List.copyOf(largest);
        mostWasteful = List.copyOf(mostWasteful);
        bases = List.copyOf(bases);
        sharedLayers = List.copyOf(sharedLayers);
        findings = List.copyOf(findings);
        images = List.copyOf(images);
    }

    /**
     * The fleet's totals.
     *
     * @param repositories   repositories with at least one tag in the scan
     * @param tags           {@code repository:tag} names seen
     * @param images         distinct image manifests (a multi-platform tag counts once per platform)
     * @param uniqueLayers   distinct layer blobs across those images
     * @param storedBytes    the unique layers' compressed bytes: what the registry stores, each layer once
     * @param unsharedBytes  what it would store if no two images shared a layer (each image's layers summed)
     * @param sharingSaves   {@code unsharedBytes - storedBytes}
     * @param sizeBytes      the images' uncompressed sizes summed
     * @param pullBytes      the images' pull sizes summed (each image's compressed layer blobs, as the scan records them)
     * @param wastedBytes    the images' wasted bytes summed
     * @param deployTax      what deploying every image to fresh machines moves
     */
    public record Totals(int repositories, int tags, int images, int uniqueLayers, long storedBytes,
                         long unsharedBytes, long sharingSaves, long sizeBytes, long pullBytes, long wastedBytes,
                         DeployTax deployTax) {
    }

    /**
     * Every image of the scan deployed on {@code instances} fresh machines.
     *
     * @param instances          machines, from {@code --instances}
     * @param perInstanceBytes   one machine pulling every image whole ({@link Totals#pullBytes})
     * @param totalBytes         {@code instances} machines doing so
     * @param sharedPerInstance  one machine whose runtime pulls each unique layer once ({@link Totals#storedBytes})
     * @param sharedTotalBytes   {@code instances} machines doing so
     */
    public record DeployTax(int instances, long perInstanceBytes, long totalBytes, long sharedPerInstance,
                            long sharedTotalBytes) {
    }

    /**
     * One image (manifest) of the scan.
     *
     * @param manifest    its digest
     * @param platform    {@code os/arch[/variant]}
     * @param tags        every {@code repository:tag} that names it in this scan, sorted
     * @param sizeBytes   uncompressed size
     * @param pullBytes   pull size
     * @param wastedBytes wasted bytes (hidden by later layers or duplicated)
     * @param efficiency  Whittle's efficiency, 0 to 1
     * @param layers      layer count
     * @param baseImage   the base image as the scan recorded it, or null when none was found
     * @param staleBase   true when its base is stale ({@link BaseUse#stale()})
     * @param created     the image's creation time, or null
     * @param topFinding  the code of its largest finding, or null
     * @param topFindingBytes the bytes that finding would save, 0 when none
     */
    public record Image(String manifest, String platform, List<String> tags, long sizeBytes, long pullBytes,
                        long wastedBytes, double efficiency, int layers, String baseImage, boolean staleBase,
                        String created, String topFinding, long topFindingBytes) {
        public Image {
            tags = List.copyOf(tags);
        }
    }

    /**
     * One base in use: a base image name, on one platform, built as one stack of layers. The same name built twice
     * (a tag that moved) is two entries.
     *
     * @param baseImage  the name as the scan recorded it ({@code debian:12.1}, {@code node:20-slim})
     * @param name       its name, lower-cased ({@link BaseName})
     * @param version    its version, or empty
     * @param platform   the platform of the images carrying it
     * @param topLayer   the digest of its last layer: what identifies this build of it
     * @param layers     how many layers it has
     * @param bytes      its layers' compressed bytes (stored once however many images carry it)
     * @param images     how many images carry it
     * @param tags       how many {@code repository:tag} names point at those images
     * @param firstUsed  the earliest creation time among those images, or null when none recorded one
     * @param stale      true when a newer version or build of the same base also appears in the fleet
     * @param newer      what is newer (a base image name, or {@code name (build sha256:...)} for a newer build of the
     *                   same name), or null when not stale
     */
    public record BaseUse(String baseImage, String name, String version, String platform, String topLayer,
                          int layers, long bytes, int images, int tags, String firstUsed, boolean stale,
                          String newer) {
    }

    /**
     * A layer shared by several images.
     *
     * @param digest            its blob digest
     * @param compressedBytes   its blob size
     * @param uncompressedBytes its tar size, or null when not analysed
     * @param images            images carrying it
     * @param savedBytes        what sharing it saves in storage: {@code compressedBytes * (images - 1)}
     * @param createdBy         the instruction that made it (the first in code-point order), or null
     */
    public record SharedLayer(String digest, long compressedBytes, Long uncompressedBytes, int images,
                              long savedBytes, String createdBy) {
    }

    /**
     * One finding code over the whole fleet.
     *
     * @param code        explain's code ({@code WX001})
     * @param category    its category, or null
     * @param title       the title of its largest instance
     * @param images      images that have it
     * @param imageBytes  what fixing it saves, summed over those images (each image's size and pull)
     * @param storedBytes the same with each layer counted once: where the finding sits in a shared layer (a base),
     *                    fixing it there once saves it in every image built on it
     * @param largest     the image with the largest instance ({@code repository:tag}, the first of its tags)
     * @param largestBytes that instance's bytes
     */
    public record FindingTotal(String code, String category, String title, int images, long imageBytes,
                               long storedBytes, String largest, long largestBytes) {
    }
}
