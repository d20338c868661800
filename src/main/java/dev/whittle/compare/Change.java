package dev.whittle.compare;

/**
 * How one number moved against the first image.
 *
 * @param absolute the difference, this image minus the first
 * @param percent  the difference as a percentage of the first image's value, or null when that value is 0
 */
public record Change(long absolute, Double percent) {

    /** The change from {@code base} to {@code value}. */
    public static Change of(long base, long value) {
        long d = value - base;
        return new Change(d, base == 0 ? null : 100.0 * d / base);
    }
}
