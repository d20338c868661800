package dev.whittle.compare;

import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;

/**
 * An image loaded and measured, under the name the user gave it.
 *
 * @param name        the image as the user named it
 * @param measurement its numbers
 * @param union       its final filesystem, or null when the caller did not keep it
 */
public record MeasuredImage(String name, Measurement measurement, UnionView union) {
}
