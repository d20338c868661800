package dev.whittle.diagnose;

/**
 * A layer and the build step that made it.
 *
 * @param index       the layer's position, 0 = base
 * @param instruction the instruction recovered from the history ({@code RUN apt-get update}), or "unknown"
 * @param dockerfile  the Dockerfile line that made it, when {@code --dockerfile} was given and it matched, else null
 */
public record LayerRef(int index, String instruction, SourceLine dockerfile) {
}
