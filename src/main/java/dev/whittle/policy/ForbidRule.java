package dev.whittle.policy;

import dev.whittle.fs.FileEntry;
import dev.whittle.fs.Glob;
import dev.whittle.image.ByteSize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Paths that must not be in the final filesystem ({@code **}{@code /.git}, {@code **}{@code /*.log},
 * {@code /root/.npm}). A matching directory counts once, with everything below it.
 *
 * @param config   the file it came from
 * @param patterns the globs, as {@link Glob} reads them
 */
record ForbidRule(String config, List<Glob> patterns) implements Rule {
    static final String KEY = "forbid";

    ForbidRule {
        patterns = List.copyOf(patterns);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public RuleResult evaluate(Subject subject) {
        List<FileEntry> found = new ArrayList<>(subject.union().find(patterns));
        found.sort(Comparator.comparingLong(FileEntry::totalBytes).reversed().thenComparing(FileEntry::path));
        String limit = "none of " + patterns.stream().map(Glob::pattern).collect(Collectors.joining(", "));
        if (found.isEmpty()) {
            return RuleResult.of(KEY, config, Status.PASS, "0 paths", limit, 0.0, 0.0,
                    "no path of the final filesystem matches");
        }
        long bytes = found.stream().mapToLong(FileEntry::totalBytes).sum();
        List<String> details = new ArrayList<>();
        List<Integer> layers = new ArrayList<>();
        for (FileEntry e : found) {
            layers.add(e.layer());
            String matched = patterns.stream().filter(g -> g.matches(e.path())).map(Glob::pattern).findFirst()
                    .orElse("?");
            details.add(e.path() + " (" + ByteSize.format(e.totalBytes()) + ", layer " + e.layer() + ", matches "
                    + matched + ")");
        }
        String measured = found.size() + (found.size() == 1 ? " path (" : " paths (") + ByteSize.format(bytes) + ")";
        return new RuleResult(KEY, config, Status.FAIL, measured, limit, (double) found.size(), 0.0,
                found.size() + " forbidden " + (found.size() == 1 ? "path is" : "paths are")
                        + " in the final filesystem, " + ByteSize.format(bytes) + " in all", details)
                .withDetailLayers(layers);
    }
}
