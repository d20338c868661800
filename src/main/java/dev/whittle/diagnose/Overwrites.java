package dev.whittle.diagnose;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.HideReason;
import dev.whittle.fs.LayerIndex;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Questions about a file a later layer hid, shared by the cleanup and metadata-copy detectors. */
final class Overwrites {
    /** Files package managers and system tools rewrite as they work: overwriting them is not a mistake. */
    private static final Pattern STATE = Pattern.compile("^/(?:var/lib/(?:dpkg|rpm|dnf|yum|apt/extended_states)"
            + "|lib/apk/db|var/cache/(?:debconf|ldconfig)|var/log)/|^/etc/(?:ld\\.so\\.cache|(?:passwd|group|shadow"
            + "|gshadow|subuid|subgid)-?)$");
    /** Dependency manifests copied alone first (for the build cache), then again with everything else. */
    private static final Set<String> MANIFESTS = Set.of("package.json", "package-lock.json", "npm-shrinkwrap.json",
            "yarn.lock", "pnpm-lock.yaml", "requirements.txt", "Pipfile", "Pipfile.lock", "poetry.lock",
            "pyproject.toml", "go.mod", "go.sum", "pom.xml", "build.gradle", "build.gradle.kts", "settings.gradle",
            "Gemfile", "Gemfile.lock", "Cargo.toml", "Cargo.lock", "composer.json", "composer.lock", "mix.exs",
            "mix.lock");

    private Overwrites() {
    }

    /** True for system state files that installs rewrite. */
    static boolean isStateFile(String path) {
        return STATE.matcher(path).find();
    }

    /** True for a dependency manifest (the cache-friendly "copy manifests first" pattern copies it twice). */
    static boolean isManifest(String path) {
        return MANIFESTS.contains(path.substring(path.lastIndexOf('/') + 1));
    }

    /** True when the layer's instruction is a COPY or ADD. */
    static boolean isCopy(LayerRef layer) {
        String i = layer.instruction();
        return i.startsWith("COPY ") || i.startsWith("ADD ");
    }

    /**
     * True when a later layer replaced this file with one of the same size and other permissions or owner
     * ({@code chmod}, {@code chown}): most likely the same bytes again. With {@code --hash}, differing hashes rule it
     * out.
     */
    static boolean isMetadataCopy(ImageFacts facts, int layer, int row) {
        if (facts.union().hideReason(layer, row) != HideReason.OVERWRITTEN) {
            return false;
        }
        int by = facts.union().hiddenBy(layer, row);
        int byRow = facts.union().hiddenByRow(layer, row);
        if (by < 0 || byRow < 0) {
            return false;
        }
        LayerIndex lower = facts.layer(layer);
        LayerIndex upper = facts.layer(by);
        if (upper.type(byRow) != EntryType.FILE || upper.headerSize(byRow) != lower.headerSize(row)) {
            return false;
        }
        boolean metadataDiffers = (upper.mode(byRow) & 07777) != (lower.mode(row) & 07777)
                || upper.uid(byRow) != lower.uid(row) || upper.gid(byRow) != lower.gid(row);
        if (!metadataDiffers) {
            return false;
        }
        Optional<String> a = facts.files().hash(layer, lower.path(row));
        Optional<String> b = facts.files().hash(by, upper.path(byRow));
        return a.isEmpty() || b.isEmpty() || a.get().equals(b.get());
    }
}
