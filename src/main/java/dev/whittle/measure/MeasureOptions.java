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

    /**
     * The text a record's own {@code toString} writes (the result cache's key holds it, so it must not change),
     * written out by hand: the generated one bootstraps {@code ObjectMethods} on its first call, which spins method
     * handles the class-data archive does not hold (30-200 ms on the main thread of every image command).
     */
    @Override
    public String toString() {
        return new StringBuilder("MeasureOptions[topFiles=").append(topFiles).append(", maxWastedFiles=")
                .append(maxWastedFiles).append(']').toString();
    }
}
