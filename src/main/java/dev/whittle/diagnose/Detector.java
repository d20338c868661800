package dev.whittle.diagnose;

import java.util.List;

/**
 * One kind of mistake: finds it in an image and measures what fixing it saves. Stateless; register it in
 * {@link Detectors}.
 */
public interface Detector {
    /** The id its findings carry, e.g. {@code WX001}. */
    String id();

    /** What it looks for, in a few words. */
    String name();

    /**
     * Whether this detector needs the content of a file (a {@code package.json}, dpkg's status). Called for every
     * regular file of every layer while the layers are indexed: keep it cheap (suffix checks first).
     */
    default boolean wantsContent(String path, long size) {
        return false;
    }

    /**
     * When this detector runs: detectors of a later round do not see the files an earlier round's findings claimed,
     * so the same bytes never appear as two findings. Specific causes (a package cache, a copy made by chmod, dev
     * dependencies) run first, in round 0; general ones (files a later layer deletes, files that should never ship)
     * in round 1; identical files last.
     */
    default int round() {
        return 0;
    }

    /** The findings in this image, each with the layer entries its fix would remove. */
    List<Detection> detect(ImageFacts facts);
}
