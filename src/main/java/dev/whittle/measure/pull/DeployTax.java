package dev.whittle.measure.pull;

/**
 * The cost of shipping one image to {@code instances} fresh machines.
 *
 * @param instances         machines that each pull the whole image
 * @param bytesPerInstance  what one pull moves
 * @param totalBytes        what the fleet moves
 * @param bandwidth         the rate assumed, or null when none was given
 * @param secondsPerPull    one machine's pull at that rate (machines pull in parallel), or NaN without a rate
 * @param secondsSharedLink the fleet's pulls through one link of that rate (e.g. the registry's egress), or NaN
 */
public record DeployTax(int instances, long bytesPerInstance, long totalBytes, Bandwidth bandwidth,
                        double secondsPerPull, double secondsSharedLink) {

    /** Prices {@code bytesPerInstance} for {@code instances} machines at {@code bandwidth} (may be null). */
    public static DeployTax of(long bytesPerInstance, int instances, Bandwidth bandwidth) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, got " + instances);
        }
        long total = Math.multiplyExact(bytesPerInstance, (long) instances);
        return new DeployTax(instances, bytesPerInstance, total, bandwidth,
                bandwidth == null ? Double.NaN : bandwidth.secondsFor(bytesPerInstance),
                bandwidth == null ? Double.NaN : bandwidth.secondsFor(total));
    }
}
