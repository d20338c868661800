package dev.whittle.fleet;

/**
 * One tag a fleet scan resolves: {@code repository:tag} in the scan's registry. {@code tag} may also be a digest
 * ({@code sha256:...}) when {@code --from} names an image by digest.
 *
 * @param repository the repository, e.g. {@code team/app}
 * @param tag        the tag, or a digest
 */
public record ScanTarget(String repository, String tag) implements Comparable<ScanTarget> {
    public ScanTarget {
        if (repository == null || repository.isEmpty() || tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("a scan target needs a repository and a tag");
        }
    }

    /** True when {@code tag} is a digest rather than a tag. */
    public boolean byDigest() {
        return tag.contains(":");
    }

    /** {@code repository:tag}, or {@code repository@digest}. */
    public String display() {
        return repository + (byDigest() ? "@" : ":") + tag;
    }

    @Override
    public int compareTo(ScanTarget o) {
        int c = repository.compareTo(o.repository);
        return c != 0 ? c : tag.compareTo(o.tag);
    }
}
