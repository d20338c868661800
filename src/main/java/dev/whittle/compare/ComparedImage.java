package dev.whittle.compare;

/**
 * One row of the comparison table (the guide's Milestone 7 table) with its changes against the first image.
 *
 * @param name             the image as the user named it
 * @param imageId          the config digest
 * @param contentBytes     content bytes ({@code docker images} SIZE)
 * @param pullBytes        compressed blob bytes when every layer is compressed, else null
 * @param layers           layer count
 * @param efficiency       visible / content bytes (Whittle's definition)
 * @param wastedBytes      content bytes hidden by later layers
 * @param contentChange    content bytes against the first image
 * @param pullChange       pull bytes against the first image, or null when either is unknown
 * @param layersChange     layer count against the first image
 * @param efficiencyChange efficiency against the first image, in percentage points
 * @param wastedChange     wasted bytes against the first image
 */
public record ComparedImage(String name, String imageId, long contentBytes, Long pullBytes, int layers,
                            double efficiency, long wastedBytes, Change contentChange, Change pullChange,
                            Change layersChange, double efficiencyChange, Change wastedChange) {
}
