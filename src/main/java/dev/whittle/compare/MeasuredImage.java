package dev.whittle.compare;

import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;

/**
 * An image loaded and measured, under the name the user gave it.
 *
 * @param name        the image as the user named it
 * @param measurement its numbers
 * @param union       its final filesystem, or null when the caller did not keep it
 * @param packages    its installed packages, or null when they were not read
 */
public record MeasuredImage(String name, Measurement measurement, UnionView union, PackageInventory packages) {
    /** An image measured without reading its packages. */
    public MeasuredImage(String name, Measurement measurement, UnionView union) {
        this(name, measurement, union, null);
    }
}
