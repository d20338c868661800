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

    /** The findings in this image, each with the layer entries its fix would remove. */
    List<Detection> detect(ImageFacts facts);
}
