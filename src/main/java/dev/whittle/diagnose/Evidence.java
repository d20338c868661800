package dev.whittle.diagnose;

import java.util.List;

/**
 * Where a finding's bytes are: the layer that ships them (and the later layer hiding them, for waste), with the
 * paths largest first.
 *
 * @param layer      the layer shipping the files
 * @param addedBy    the earlier layer that added these paths when {@code layer} only wrote them again (a
 *                   {@code RUN chmod -R} after a {@code COPY}): the step to change; null when {@code layer} added them
 * @param hiddenBy   the later layer that deletes or overwrites them, or null when they are visible
 * @param bytes      content bytes of the files
 * @param files      number of files
 * @param paths      the largest path groups, largest first
 * @param morePaths  groups left out of {@code paths}
 * @param moreBytes  their bytes
 */
public record Evidence(LayerRef layer, LayerRef addedBy, LayerRef hiddenBy, long bytes, long files, List<PathGroup> paths,
                       int morePaths, long moreBytes) {
    public Evidence {
        paths = List.copyOf(paths);
    }

    /** The layer whose step brought the paths into the image: {@link #addedBy} when set, else {@link #layer}. */
    public LayerRef source() {
        return addedBy != null ? addedBy : layer;
    }
}
