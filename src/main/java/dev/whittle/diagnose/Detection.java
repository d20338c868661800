package dev.whittle.diagnose;

/**
 * A finding and the layer entries its fix removes.
 *
 * @param finding the finding as reported
 * @param claims  the entries behind {@link Finding#bytes()}
 */
public record Detection(Finding finding, Claims claims) {
}
