package dev.whittle.measure.pull;

/**
 * The result of {@code whittle size}: the sizes, the deploy tax of the primary platform, and the comparison when one
 * was asked for (else null).
 */
public record PullReport(PullSizes image, DeployTax deployTax, PullComparison compare) {
}
