package dev.whittle.compare;

/**
 * One layer of a compared image and whether the first image has it too.
 *
 * @param index        position in its image
 * @param diffId       digest of its uncompressed tar
 * @param contentBytes its content bytes
 * @param instruction  the instruction that made it
 * @param baseIndex    the index of the layer with the same diff id in the first image, or null when it is new
 */
public record SharedLayer(int index, String diffId, long contentBytes, String instruction, Integer baseIndex) {

    /** True when the first image has the same layer (same diff id). */
    public boolean shared() {
        return baseIndex != null;
    }
}
