package dev.whittle.measure;

/**
 * How much detail {@link ImageMeasurer} keeps.
 *
 * @param topFiles       how many of the largest files to list
 * @param maxWastedFiles how many wasted files to list at most (the largest); totals always count all
 */
public record MeasureOptions(int topFiles, int maxWastedFiles) {
    /** Ten largest files, every wasted file. */
    public static final MeasureOptions DEFAULTS = new MeasureOptions(10, Integer.MAX_VALUE);

    public MeasureOptions {
        if (topFiles < 0 || maxWastedFiles < 0) {
            throw new IllegalArgumentException("negative limit");
        }
    }
}
