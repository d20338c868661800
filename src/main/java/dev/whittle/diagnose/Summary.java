package dev.whittle.diagnose;

import java.util.List;

/**
 * The explanation in one paragraph.
 *
 * @param contentBytes   content bytes of the image as it is (what {@code docker images} calls SIZE)
 * @param savedBytes     bytes all fixes together remove, each layer entry counted once however many findings name it
 * @param projectedBytes {@code contentBytes - savedBytes}: the image after the fixes
 * @param findings       number of findings
 * @param topCauses      the findings with the most bytes, largest first
 */
public record Summary(long contentBytes, long savedBytes, long projectedBytes, int findings, List<Cause> topCauses) {
    public Summary {
        topCauses = List.copyOf(topCauses);
    }
}
