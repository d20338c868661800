package dev.whittle.dockerfile.fix;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code whittle fix} may change.
 *
 * @param only        rule ids whose findings are fixed ({@code WH001}, {@code FX001}); empty means all
 * @param skip        rule ids never fixed (the {@code ignore} list of {@code .whittle.yml})
 * @param cacheMounts add BuildKit cache mounts to package installs (and the {@code syntax} directive they need)
 * @param multiStage  turn a single-stage build into a build stage and a runtime stage
 * @param base        the runtime stage's base for {@code multiStage}
 * @param contextDir  the build context, to look at copied files (may be null: fixes that need it are refused)
 */
public record FixOptions(Set<String> only, Set<String> skip, boolean cacheMounts, boolean multiStage, RuntimeBase base,
        Path contextDir) {

    public FixOptions {
        Set<String> upper = new LinkedHashSet<>();
        for (String id : only) {
            upper.add(id.trim().toUpperCase(Locale.ROOT));
        }
        only = Set.copyOf(upper);
        Set<String> skipped = new LinkedHashSet<>();
        for (String id : skip) {
            skipped.add(id.trim().toUpperCase(Locale.ROOT));
        }
        skip = Set.copyOf(skipped);
        base = base == null ? RuntimeBase.SLIM : base;
    }

    /** Every safe fix, no cache mounts, no multi-stage rewrite, no context. */
    public static FixOptions defaults() {
        return new FixOptions(Set.of(), Set.of(), false, false, RuntimeBase.SLIM, null);
    }

    /** True when findings of {@code ruleId} may be fixed. */
    public boolean allows(String ruleId) {
        String id = ruleId.toUpperCase(Locale.ROOT);
        return (only.isEmpty() || only.contains(id)) && !skip.contains(id);
    }

    /** A copy fixing only {@code ids}. */
    public FixOptions withOnly(Set<String> ids) {
        return new FixOptions(ids, skip, cacheMounts, multiStage, base, contextDir);
    }

    /** A copy that never fixes {@code ids}. */
    public FixOptions withSkip(Set<String> ids) {
        return new FixOptions(only, ids, cacheMounts, multiStage, base, contextDir);
    }

    /** A copy with cache mounts on or off. */
    public FixOptions withCacheMounts(boolean on) {
        return new FixOptions(only, skip, on, multiStage, base, contextDir);
    }

    /** A copy with the multi-stage rewrite on or off, on {@code runtimeBase}. */
    public FixOptions withMultiStage(boolean on, RuntimeBase runtimeBase) {
        return new FixOptions(only, skip, cacheMounts, on, runtimeBase, contextDir);
    }

    /** A copy that knows the build context. */
    public FixOptions withContext(Path dir) {
        return new FixOptions(only, skip, cacheMounts, multiStage, base, dir);
    }
}
