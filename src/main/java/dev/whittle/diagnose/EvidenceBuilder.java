package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a finding's files into {@link Evidence} (one per shipping layer and hiding layer) and its {@link Claims}.
 * Files are summarised by directory unless the detector names their group (a package, a secret's kind).
 */
final class EvidenceBuilder {
    private final ImageFacts facts;
    private final Claims claims;
    private final Map<List<Integer>, Part> parts = new LinkedHashMap<>();
    private long bytes;
    private long files;
    private List<Evidence> built;

    /** The files of one (layer, hiding layer) pair. */
    private static final class Part {
        final int layer;
        final int origin;
        final int hiddenBy;
        final PathSummary byDirectory = new PathSummary();
        final Map<String, long[]> named = new LinkedHashMap<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        long bytes;
        long files;

        Part(int layer, int origin, int hiddenBy) {
            this.layer = layer;
            this.origin = origin;
            this.hiddenBy = hiddenBy;
        }
    }

    EvidenceBuilder(ImageFacts facts) {
        this.facts = facts;
        this.claims = new Claims(facts.layerCount());
    }

    /** Adds a file, summarised by directory. */
    EvidenceBuilder add(int layer, int row, int pathId, long size, int hiddenBy) {
        Part p = part(layer, hiddenBy, layer, row, size);
        if (p != null) {
            p.byDirectory.add(facts.path(pathId), size);
        }
        return this;
    }

    /** Adds a file to a named group (e.g. {@code /app/node_modules/typescript/}), with an optional note. */
    EvidenceBuilder add(int layer, int row, long size, int hiddenBy, String group, String note) {
        Part p = part(layer, hiddenBy, layer, row, size);
        if (p != null) {
            long[] t = p.named.computeIfAbsent(group, k -> new long[2]);
            t[0] += size;
            t[1]++;
            if (note != null) {
                p.notes.merge(group, note, (a, b) -> a.contains(b) ? a : a + ", " + b);
            }
        }
        return this;
    }

    private Part part(int layer, int hiddenBy, int l, int row, long size) {
        if (claims.contains(l, row)) {
            return null;
        }
        claims.add(l, row);
        built = null;
        // Files the layer only wrote again (chmod, touch) are grouped by the layer that added their paths.
        int origin = layer == l ? facts.origin(l, row) : layer;
        Part p = parts.computeIfAbsent(List.of(layer, origin, hiddenBy), k -> new Part(layer, origin, hiddenBy));
        p.bytes += size;
        p.files++;
        bytes += size;
        files++;
        return p;
    }

    boolean isEmpty() {
        return files == 0;
    }

    long bytes() {
        return bytes;
    }

    long files() {
        return files;
    }

    Claims claims() {
        return claims;
    }

    /** The evidence, largest part first. */
    List<Evidence> evidence() {
        if (built == null) {
            built = List.copyOf(build());
        }
        return built;
    }

    private List<Evidence> build() {
        List<Part> sorted = new ArrayList<>(parts.values());
        sorted.sort(Comparator.comparingLong((Part p) -> p.bytes).reversed().thenComparingInt(p -> p.layer));
        List<Evidence> out = new ArrayList<>();
        for (Part p : sorted) {
            List<PathGroup> groups = new ArrayList<>(p.byDirectory.groups(PathSummary.MAX_GROUPS));
            p.named.forEach((k, v) -> groups.add(new PathGroup(k, v[0], v[1], p.notes.get(k))));
            groups.removeIf(g -> g.files() == 0);
            groups.sort(Comparator.comparingLong(PathGroup::bytes).reversed().thenComparing(PathGroup::path));
            int shown = Math.min(groups.size(), PathSummary.MAX_GROUPS);
            long moreBytes = 0;
            for (PathGroup g : groups.subList(shown, groups.size())) {
                moreBytes += g.bytes();
            }
            out.add(new Evidence(facts.ref(p.layer), p.origin == p.layer ? null : facts.ref(p.origin),
                    p.hiddenBy < 0 ? null : facts.ref(p.hiddenBy), p.bytes, p.files,
                    groups.subList(0, shown), groups.size() - shown, moreBytes));
        }
        return out;
    }

    /** The finding with this builder's bytes, evidence and claims. */
    Detection detection(String id, String title, Severity severity, String fix, List<String> caveats) {
        return detection(id, title, severity, fix, caveats, null);
    }

    /** The finding, its files in a {@code slim --drop} category (or none: null). */
    Detection detection(String id, String title, Severity severity, String fix, List<String> caveats,
                        DropCategory category) {
        return new Detection(new Finding(id, title, severity, bytes, files, evidence(), fix, caveats, null,
                List.of(), category == null ? null : category.id()), claims);
    }
}
