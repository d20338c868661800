/**
 * Sizes, waste and efficiency of an image, by Whittle's definitions and by dive's.
 *
 * <p>{@link dev.whittle.measure.ImageMeasurer#measure} turns an image and its loaded
 * {@link dev.whittle.fs.UnionView} into a {@link dev.whittle.measure.Measurement}: plain records for renderers and
 * Jackson. Whittle's numbers: content bytes (regular files' tar sizes, hard links 0, summed over layers), visible
 * bytes (what the final filesystem holds), wasted = content - visible, efficiency = visible / content (1.0 when
 * empty), each wasted byte attributed to the layer that added it and the layer that hid it. dive's numbers
 * ({@link dev.whittle.measure.DiveMetrics}) reproduce dive's own algorithm, quirks included, so {@code .dive-ci}
 * verdicts carry over.
 */
package dev.whittle.measure;
