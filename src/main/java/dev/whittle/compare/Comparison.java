package dev.whittle.compare;

import java.util.List;

/**
 * What {@code whittle compare} reports.
 *
 * @param images one row per image, the first being the reference for every change
 * @param files  the final-filesystem diff from the first image to the second, or null when not asked for
 * @param layers layer sharing of every later image with the first, or null when not asked for
 */
public record Comparison(List<ComparedImage> images, FilesystemDiff files, List<LayerSharing> layers) {
    public Comparison {
        images = List.copyOf(images);
        layers = layers == null ? null : List.copyOf(layers);
    }
}
