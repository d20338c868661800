package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WX009: identical files at several paths of the final filesystem (same SHA-256; needs {@code --hash}, which reads
 * every file of at least {@link CapturedFiles#MIN_HASHED} bytes while the layers are indexed). The first copy (lowest
 * layer, then path) is kept; the others are the waste.
 */
final class Duplicates implements Detector {
    static final String ID = "WX009";

    /** One visible copy of a file. */
    private record Copy(int layer, int row, int pathId, long bytes, String path) {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int round() {
        return 2;
    }

    @Override
    public String name() {
        return "identical files at several paths (--hash)";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        if (!facts.files().hashed()) {
            return List.of();
        }
        Map<String, List<Copy>> byHash = new HashMap<>();
        facts.forEachVisibleFile((layer, row, pathId, bytes, by) -> {
            if (bytes >= CapturedFiles.MIN_HASHED) {
                String path = facts.path(pathId);
                facts.files().hash(layer, path).ifPresent(h -> byHash.computeIfAbsent(h, k -> new ArrayList<>())
                        .add(new Copy(layer, row, pathId, bytes, path)));
            }
        });
        EvidenceBuilder b = new EvidenceBuilder(facts);
        long groups = 0;
        for (List<Copy> copies : byHash.values()) {
            if (copies.size() < 2) {
                continue;
            }
            copies.sort(Comparator.comparingInt(Copy::layer).thenComparing(Copy::path));
            Copy kept = copies.get(0);
            groups++;
            for (Copy c : copies.subList(1, copies.size())) {
                b.add(c.layer(), c.row(), c.bytes(), -1, c.path(), "same bytes as " + kept.path());
            }
        }
        if (b.isEmpty()) {
            return List.of();
        }
        String title = b.files() + (b.files() == 1 ? " file is an identical copy" : " files are identical copies")
                + " of another file (" + groups + (groups == 1 ? " group" : " groups") + ")";
        return List.of(b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()),
                "Ship each file once: copy it to one place and point the others at it (a symlink, or a hard link"
                        + " made in the same RUN), or fix the build step that copies it twice (two COPYs of the same"
                        + " directory, a vendored copy of a dependency).", List.of("Some tools resolve files by"
                        + " real path; check that symlinked copies still load.")));
    }
}
