package dev.whittle.diagnose;

import java.util.List;

/**
 * Everything {@code whittle explain} reports about one image.
 *
 * @param reference  the image reference as the user gave it
 * @param imageId    the config digest
 * @param dockerfile the Dockerfile given with {@code --dockerfile}, or null
 * @param dockerfileMatch how many layers that Dockerfile's lines matched, or null without one
 * @param summary    sizes now and after the fixes, and the top causes
 * @param findings   every finding, most bytes first (secrets first among equals)
 * @param notes      limits of this run (content not read past a cap, history not aligned), else empty
 */
public record Explanation(String reference, String imageId, String dockerfile, DockerfileMatch dockerfileMatch,
                          Summary summary,
                          List<Finding> findings, List<String> notes) {
    public Explanation {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }
}
