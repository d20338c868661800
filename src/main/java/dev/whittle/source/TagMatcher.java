package dev.whittle.source;

import dev.whittle.image.ImageReference;

/**
 * Compares image names the way users expect: {@code x:latest}, {@code x} and {@code docker.io/library/x:latest}
 * name the same image (skopeo and podman write fully qualified RepoTags).
 */
public final class TagMatcher {
    private TagMatcher() {
    }

    /** True when {@code candidate} (from an archive) is the image {@code wanted} (from the user). */
    public static boolean matches(String candidate, String wanted) {
        if (candidate == null || wanted == null) {
            return false;
        }
        if (candidate.equals(wanted)) {
            return true;
        }
        try {
            ImageReference.Registry a = ImageReference.parseRegistry(candidate);
            ImageReference.Registry b = ImageReference.parseRegistry(wanted);
            return a.registry().equals(b.registry()) && a.repository().equals(b.repository())
                    && java.util.Objects.equals(a.tag(), b.tag()) && java.util.Objects.equals(a.digest(), b.digest());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
