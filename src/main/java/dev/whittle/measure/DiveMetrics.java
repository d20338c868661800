package dev.whittle.measure;

import java.util.List;

/**
 * dive's numbers, computed the way dive computes them (quirks included, see DiveEfficiency), so {@code .dive-ci}
 * verdicts carry over.
 *
 * @param efficiency        sum of per-path minimum sizes / sum of per-path summed sizes (1.0 when both are 0)
 * @param wastedBytes       summed size of every path referenced two or more times (all copies counted)
 * @param userWastedPercent wastedBytes / userSizeBytes: a ratio, may exceed 1; NaN or infinite when userSizeBytes
 *                          is 0 (as dive computes it)
 * @param sizeBytes         sum of the layers' content bytes
 * @param userSizeBytes     the same without layer 0
 * @param inefficientFiles  paths referenced two or more times, largest summed size first
 */
public record DiveMetrics(double efficiency, long wastedBytes, double userWastedPercent, long sizeBytes,
                          long userSizeBytes, List<InefficientFile> inefficientFiles) {
    public DiveMetrics {
        inefficientFiles = List.copyOf(inefficientFiles);
    }
}
