package dev.whittle.fleet.query;

import java.util.List;

/**
 * What {@code whittle fleet diff} shows: how the fleet changed between two finished scans. Images are compared by
 * {@code repository:tag} and platform: a tag present only in the newer scan is added, only in the older removed; a
 * tag whose manifest changed grew, shrank or (same size) changed.
 *
 * @param before      the older scan
 * @param after       the newer scan
 * @param totalsBefore the older scan's totals ({@link FleetReport.Totals}, deploy tax at one instance)
 * @param totalsAfter  the newer scan's totals
 * @param delta        after minus before, figure by figure
 * @param added        tags only the newer scan saw, largest first
 * @param removed      tags only the older scan saw, largest first
 * @param grown        tags whose image grew, the largest growth first
 * @param shrunk       tags whose image shrank, the largest saving first
 * @param changed      tags whose image changed at the same size
 * @param unchanged    tags that point at the same image in both
 * @param newLayers    layers the newer scan's images carry and the older's did not: count and bytes
 * @param goneLayers   layers only the older scan's images carried: count and bytes
 * @param largestNewLayers the largest new layers, at most {@code top}
 */
public record FleetDiff(ScanRef before, ScanRef after, FleetReport.Totals totalsBefore,
                        FleetReport.Totals totalsAfter, Delta delta, List<Change> added, List<Change> removed,
                        List<Change> grown, List<Change> shrunk, List<Change> changed, int unchanged,
                        LayerSet newLayers, LayerSet goneLayers, List<NewLayer> largestNewLayers) {

    public FleetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        grown = List.copyOf(grown);
        shrunk = List.copyOf(shrunk);
        changed = List.copyOf(changed);
        largestNewLayers = List.copyOf(largestNewLayers);
    }

    /**
     * The totals' differences (after minus before).
     *
     * @param images       image manifests
     * @param tags         {@code repository:tag} names
     * @param uniqueLayers distinct layers
     * @param storedBytes  unique layers' compressed bytes
     * @param sizeBytes    images' sizes summed
     * @param pullBytes    images' pull sizes summed
     * @param wastedBytes  images' wasted bytes summed
     */
    public record Delta(int images, int tags, int uniqueLayers, long storedBytes, long sizeBytes, long pullBytes,
                        long wastedBytes) {
    }

    /**
     * One tag on one platform that differs between the scans.
     *
     * @param repository  the repository
     * @param tag         the tag
     * @param platform    the platform
     * @param manifestBefore the manifest in the older scan, or null when added
     * @param manifestAfter  the manifest in the newer scan, or null when removed
     * @param sizeBefore  uncompressed size before (0 when added)
     * @param sizeAfter   uncompressed size after (0 when removed)
     * @param sizeDelta   after minus before
     * @param pullBefore  pull size before (0 when added)
     * @param pullAfter   pull size after (0 when removed)
     * @param pullDelta   after minus before
     */
    public record Change(String repository, String tag, String platform, String manifestBefore,
                         String manifestAfter, long sizeBefore, long sizeAfter, long sizeDelta, long pullBefore,
                         long pullAfter, long pullDelta) {
    }

    /**
     * A set of layers.
     *
     * @param count layers
     * @param bytes their compressed bytes
     */
    public record LayerSet(int count, long bytes) {
    }

    /**
     * A layer new in the newer scan.
     *
     * @param digest          its blob digest
     * @param compressedBytes its blob size
     * @param images          the newer scan's images carrying it
     */
    public record NewLayer(String digest, long compressedBytes, int images) {
    }
}
