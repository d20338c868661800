/** Compares images: the size table with changes against the first image, final-filesystem and layer diffs. */
package dev.whittle.compare;
