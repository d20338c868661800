package dev.whittle.compare;

import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Totals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares measured images against the first one: the table, and on request files and layers. */
public final class ImageComparer {
    private ImageComparer() {
    }

    /**
     * Compares two or more images.
     *
     * @throws IllegalArgumentException for fewer than two images, or when {@code --files} is asked for and the first
     *                                  two images were loaded without their union view
     */
    public static Comparison compare(List<MeasuredImage> images, CompareOptions options) {
        if (images.size() < 2) {
            throw new IllegalArgumentException("compare needs two or more images, got " + images.size());
        }
        MeasuredImage first = images.get(0);
        List<ComparedImage> rows = new ArrayList<>();
        for (MeasuredImage image : images) {
            rows.add(row(first, image));
        }
        FilesystemDiff files = null;
        if (options.files()) {
            MeasuredImage second = images.get(1);
            if (first.union() == null || second.union() == null) {
                throw new IllegalArgumentException("--files needs the union views of the first two images");
            }
            files = FilesystemDiffer.diff(first.name(), first.union(), second.name(), second.union(),
                    options.depth(), options.maxFiles());
        }
        List<LayerSharing> layers = null;
        if (options.layers()) {
            layers = new ArrayList<>();
            for (MeasuredImage image : images.subList(1, images.size())) {
                layers.add(sharing(first, image));
            }
        }
        List<PackageDiff> packages = null;
        if (options.packages()) {
            packages = new ArrayList<>();
            for (MeasuredImage image : images.subList(1, images.size())) {
                if (first.packages() == null || image.packages() == null) {
                    throw new IllegalArgumentException("--packages needs the images' packages");
                }
                packages.add(PackageDiffer.diff(first.name(), first.packages(), image.name(), image.packages()));
            }
        }
        return new Comparison(rows, files, layers, packages);
    }

    private static ComparedImage row(MeasuredImage first, MeasuredImage image) {
        Totals base = first.measurement().totals();
        Totals t = image.measurement().totals();
        Change pull = base.compressedBytes() == null || t.compressedBytes() == null ? null
                : Change.of(base.compressedBytes(), t.compressedBytes());
        return new ComparedImage(image.name(), image.measurement().imageId(), t.contentBytes(), t.compressedBytes(),
                t.layerCount(), t.efficiency(), t.wastedBytes(), Change.of(base.contentBytes(), t.contentBytes()),
                pull, Change.of(base.layerCount(), t.layerCount()), 100.0 * (t.efficiency() - base.efficiency()),
                Change.of(base.wastedBytes(), t.wastedBytes()));
    }

    /** Layers of {@code image} matched by diff id against the first image's. */
    static LayerSharing sharing(MeasuredImage first, MeasuredImage image) {
        Map<String, Integer> baseIndex = new HashMap<>();
        for (LayerMeasure l : first.measurement().layers()) {
            if (l.diffId() != null) {
                baseIndex.putIfAbsent(l.diffId(), l.index());
            }
        }
        List<SharedLayer> out = new ArrayList<>();
        int shared = 0;
        int fresh = 0;
        long sharedBytes = 0;
        long newBytes = 0;
        for (LayerMeasure l : image.measurement().layers()) {
            Integer at = l.diffId() == null ? null : baseIndex.get(l.diffId());
            out.add(new SharedLayer(l.index(), l.diffId(), l.contentBytes(), l.instruction(), at));
            if (at != null) {
                shared++;
                sharedBytes += l.contentBytes();
            } else {
                fresh++;
                newBytes += l.contentBytes();
            }
        }
        return new LayerSharing(image.name(), first.name(), out, shared, sharedBytes, fresh, newBytes);
    }
}
