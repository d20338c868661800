package dev.whittle.compare;

import java.util.List;

/**
 * What {@code whittle compare} reports.
 *
 * @param images one row per image, the first being the reference for every change
 * @param files  the final-filesystem diff from the first image to the second, or null when not asked for
 * @param layers layer sharing of every later image with the first, or null when not asked for
 * @param packages the installed packages of every later image against the first's, or null when not asked for
 */
public record Comparison(List<ComparedImage> images, FilesystemDiff files, List<LayerSharing> layers,
                         List<PackageDiff> packages) {
    public Comparison {
        images = List.copyOf(images);
        layers = layers == null ? null : List.copyOf(layers);
        packages = packages == null ? null : List.copyOf(packages);
    }

    /** A comparison without a package diff. */
    public Comparison(List<ComparedImage> images, FilesystemDiff files, List<LayerSharing> layers) {
        this(images, files, layers, null);
    }
}
