package dev.whittle.measure.pull;

import java.util.List;

/**
 * Pull sizes of one reference: one entry per platform (one for a single-platform image).
 *
 * @param reference   the reference as the user wrote it
 * @param source      where the numbers came from: {@code registry manifests} or the local format
 * @param indexDigest the index digest when the reference names a multi-platform index, else null
 * @param platforms   one entry per platform image
 */
public record PullSizes(String reference, String source, String indexDigest, List<PlatformPull> platforms) {
    public PullSizes {
        platforms = List.copyOf(platforms);
    }

    /** The entry to price and compare: the one for {@code platform}, else the first. */
    public PlatformPull primary(String platform) {
        return platforms.stream().filter(p -> p.platform().equals(platform)).findFirst().orElse(platforms.get(0));
    }
}
