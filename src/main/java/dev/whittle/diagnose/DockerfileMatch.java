package dev.whittle.diagnose;

import java.util.List;

/**
 * How well the Dockerfile given with {@code --dockerfile} explains the image's layers: the history aligned with the
 * built stage's instructions ({@link DockerfileAlignment}).
 *
 * @param file            the Dockerfile as named on the command line
 * @param matchedLayers   the layers whose history matched the text of one of its instructions (they carry its line)
 * @param layers          the layers it should account for: the image's layers after the base image's
 * @param baseLayers      the leading layers that came from the base image (0 when the match is poor: then where the
 *                        base ends is not known)
 * @param baseImage       the built stage's base image as written after its FROM ({@code node:20-slim}), or null for
 *                        {@code scratch} or a Dockerfile without stages
 * @param unmatchedLayers the indexes of the {@code layers} that no instruction's text matched, in order
 * @param poor            true when fewer than half of {@code layers} matched: likely not the Dockerfile that built
 *                        this image, or one much edited since
 */
public record DockerfileMatch(String file, int matchedLayers, int layers, int baseLayers, String baseImage,
                              List<Integer> unmatchedLayers, boolean poor) {
    public DockerfileMatch {
        unmatchedLayers = List.copyOf(unmatchedLayers);
    }
}
