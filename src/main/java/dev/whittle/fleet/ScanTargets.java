package dev.whittle.fleet;

import dev.whittle.fs.Glob;
import dev.whittle.image.ImageReference;
import dev.whittle.image.UsageException;
import dev.whittle.source.registry.RegistryClient;
import dev.whittle.source.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What a fleet scan covers: the tags of a registry (its catalog and each repository's tag list, both paginated),
 * or the references of a {@code --from} file, narrowed by {@code --repo} and {@code --tag} globs and by the shard.
 * Sorted and without duplicates, so every shard sees the same order.
 */
public final class ScanTargets {
    private ScanTargets() {
    }

    /**
     * What the user selected.
     *
     * @param repositories the {@code --repo} glob, or null for every repository (a glob without {@code /} matches the
     *                     last segment of the name, as {@code whittle find} does)
     * @param tags         the {@code --tag} glob, or null for every tag
     */
    public record Selection(Glob repositories, Glob tags) {
        /** Everything. */
        public static final Selection ALL = new Selection(null, null);

        /** Compiles the user's globs; a bad one is a usage error. */
        public static Selection of(String repoGlob, String tagGlob) {
            return new Selection(compile("--repo", repoGlob), compile("--tag", tagGlob));
        }

        private static Glob compile(String option, String glob) {
            if (glob == null) {
                return null;
            }
            try {
                return Glob.compile(glob);
            } catch (UsageException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }

        boolean repository(String name) {
            return repositories == null || repositories.matches("/" + name);
        }

        boolean tag(String tag) {
            return tags == null || tags.matches("/" + tag);
        }
    }

    /**
     * The listing: the targets in this shard, and the repositories whose tags could not be listed (each with the
     * reason), which a scan reports instead of failing for all the others.
     *
     * @param targets    this shard's tags, sorted
     * @param listed     how many tags the selection matched across all shards
     * @param unreadable repositories skipped, as {@code repository: reason}
     */
    public record Listing(List<ScanTarget> targets, int listed, List<String> unreadable) {
        public Listing {
            targets = List.copyOf(targets);
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Lists the registry's catalog and every selected repository's tags, keeping this shard's. */
    public static Listing fromRegistry(RegistryClient client, Selection selection, Shard shard) {
        TreeSet<ScanTarget> all = new TreeSet<>();
        List<String> unreadable = new ArrayList<>();
        for (String repository : new TreeSet<>(client.catalog())) {
            if (!selection.repository(repository)) {
                continue;
            }
            List<String> tags;
            try {
                tags = client.allTags(repository);
            } catch (RegistryException e) {
                unreadable.add(repository + ": HTTP " + e.error().status()
                        + (e.error().code() == null ? "" : " " + e.error().code()));
                continue;
            }
            for (String tag : tags) {
                if (selection.tag(tag)) {
                    all.add(new ScanTarget(repository, tag));
                }
            }
        }
        return keep(all, shard, unreadable);
    }

    /**
     * The references of a {@code --from} file, one per line ({@code #} comments and blank lines ignored). A line may
     * name the registry or leave it out; every line must be in {@code registry}.
     */
    public static Listing fromLines(List<String> lines, String registry, Selection selection, Shard shard) {
        TreeSet<ScanTarget> all = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            ImageReference.Registry ref = parse(line, registry, i + 1);
            if (selection.repository(ref.repository()) && (ref.tag() == null || selection.tag(ref.tag()))) {
                all.add(new ScanTarget(ref.repository(), ref.tagOrDigest()));
            }
        }
        return keep(all, shard, List.of());
    }

    /**
     * The registry of a {@code --from} file when the command line names none: the first one a line names (the others
     * must name the same or none), else Docker Hub, as for a bare name anywhere.
     */
    public static String registryOf(List<String> lines) {
        boolean any = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            any = true;
            String host = host(line.startsWith("docker://") ? line.substring("docker://".length()) : line);
            if (host != null) {
                return parse(line, null, i + 1).registry();
            }
        }
        if (!any) {
            throw new UsageException("--from: the file names no image");
        }
        return ImageReference.Registry.DOCKER_HUB;
    }

    private static ImageReference.Registry parse(String line, String registry, int number) {
        String text = line.startsWith("docker://") ? line.substring("docker://".length()) : line;
        String host = host(text);
        if (registry != null) {
            if (host != null && !host.equals(registry)) {
                throw new UsageException("--from line " + number + ": " + line + " is in registry " + host
                        + ", the scan is of " + registry);
            }
            if (host == null) {
                text = registry + "/" + text;
            }
        }
        ImageReference parsed;
        try {
            parsed = ImageReference.parse("docker://" + text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--from line " + number + ": " + e.getMessage());
        }
        return (ImageReference.Registry) parsed;
    }

    /** The registry host a reference starts with, as docker tells one from a repository path; else null. */
    private static String host(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String first = text.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    }

    private static Listing keep(TreeSet<ScanTarget> all, Shard shard, List<String> unreadable) {
        List<ScanTarget> mine = all.stream().filter(t -> shard.owns(t.repository(), t.tag())).toList();
        return new Listing(mine, all.size(), unreadable);
    }
}
