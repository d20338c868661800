package dev.whittle.diagnose;

/**
 * A layer and the build step that made it.
 *
 * @param index       the layer's position, 0 = base
 * @param instruction the instruction recovered from the history ({@code RUN apt-get update}), or "unknown"
 * @param dockerfile  the Dockerfile line that made it, when {@code --dockerfile} was given and its text matched the
 *                    layer's history, else null (a line is never attached to a layer it did not make)
 * @param base        the base image the layer came from ({@code node:20-slim}) when {@code --dockerfile} was given
 *                    and the layer precedes the first layer its stages made, else null
 */
public record LayerRef(int index, String instruction, SourceLine dockerfile, String base) {
    /** A layer not attributed to a base image. */
    public LayerRef(int index, String instruction, SourceLine dockerfile) {
        this(index, instruction, dockerfile, null);
    }
}
