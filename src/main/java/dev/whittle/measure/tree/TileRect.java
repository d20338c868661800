package dev.whittle.measure.tree;

/**
 * Where a tile sits in its directory's treemap, as fractions of the directory's box (0 to 1 on each axis), so a page
 * scales it to any size without laying it out again.
 *
 * @param x left edge
 * @param y top edge
 * @param w width
 * @param h height
 */
public record TileRect(double x, double y, double w, double h) {
}
