package dev.whittle.slim;

import java.util.List;

/**
 * What {@code whittle slim} will do (or did) to an image, in bytes that can be checked: {@code removedBytes} is what
 * {@code compare} shows as the content-size saving.
 *
 * @param source                 the input as named
 * @param sourceDigest           its manifest digest (else its config digest)
 * @param layers                 the input's layer count
 * @param keptLayers             base layers kept byte for byte (same blobs)
 * @param squashedLayers         layers squashed into one
 * @param baseDetectedBy         {@code history}, {@code --keep} or {@code --squash-all}
 * @param contentBytes           the input's content bytes (all layers)
 * @param squashedContentBytes   content bytes of the squashed layers as they are
 * @param hiddenBytes            of those, bytes hidden by a later layer (overwritten, deleted, duplicated)
 * @param materialisedBytes      bytes of hard links written as files because their target was deleted
 * @param newLayerContentBytes   content bytes of the one new layer
 * @param removedBytes           {@code squashedContentBytes - newLayerContentBytes}
 * @param expectedContentBytes   the output's content bytes
 * @param whiteouts              whiteouts the new layer needs (base paths the squashed layers deleted)
 * @param entries                entries of the new layer
 * @param pullBytes              the input's layer blob bytes (what a pull transfers)
 * @param expectedPullBytes      an estimate for the output: kept blobs plus the new layer compressed at the squashed
 *                               blobs' ratio
 * @param kept                   the kept layers, base first
 * @param droppedBytes           of {@code removedBytes}, the content bytes {@code --drop} removed (the rest was hidden)
 * @param dropped                what each {@code --drop} category removes, in the categories' order
 * @param refused                files of those categories kept, and why
 */
public record SlimPlan(String source, String sourceDigest, int layers, int keptLayers, int squashedLayers,
                       String baseDetectedBy, long contentBytes, long squashedContentBytes, long hiddenBytes,
                       long materialisedBytes, long newLayerContentBytes, long removedBytes,
                       long expectedContentBytes, int whiteouts, int entries, long pullBytes,
                       long expectedPullBytes, List<KeptLayer> kept, long droppedBytes,
                       List<DropSelection.Category> dropped, List<DropSelection.Refusal> refused) {

    public SlimPlan {
        kept = List.copyOf(kept);
        dropped = List.copyOf(dropped);
        refused = List.copyOf(refused);
    }

    /**
     * A base layer the output keeps.
     *
     * @param index   its position
     * @param digest  its blob digest (unchanged in the output)
     * @param size    its blob size
     * @param content its content bytes
     */
    public record KeptLayer(int index, String digest, long size, long content) {
    }
}
