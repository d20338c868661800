package dev.whittle.measure.pull;

/**
 * Two images' pull sizes side by side: what switching from {@code before} to {@code after} saves per pull and across
 * the fleet.
 *
 * @param savedPerPull   bytes saved per machine (negative when {@code after} is bigger)
 * @param savedFraction  {@code savedPerPull / before}, 0 when before is empty
 * @param savedFleet     bytes saved across all instances
 * @param sharedLayers   layers both images have (by digest), which a machine holding one need not pull again
 */
public record PullComparison(PlatformPull before, PlatformPull after, long savedPerPull, double savedFraction,
                             long savedFleet, int sharedLayers) {

    public static PullComparison of(PlatformPull before, PlatformPull after, int instances) {
        long saved = before.totalBytes() - after.totalBytes();
        var beforeDigests = before.layers().stream().map(LayerSize::digest).toList();
        int shared = (int) after.layers().stream().filter(l -> beforeDigests.contains(l.digest())).count();
        return new PullComparison(before, after, saved,
                before.totalBytes() == 0 ? 0 : (double) saved / before.totalBytes(), saved * instances, shared);
    }
}
