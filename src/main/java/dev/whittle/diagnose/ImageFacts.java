package dev.whittle.diagnose;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.HistoryEntry;
import dev.whittle.packages.PackageScan;
import java.util.List;
import java.util.Optional;

/**
 * What detectors look at: the loaded layers and final filesystem, the file contents they asked for, and each layer's
 * build step (history, and the Dockerfile line when one was given). Paths are built once per path id and cached.
 */
public final class ImageFacts {
    private final ImageConfig config;
    private final UnionView union;
    private final CapturedFiles files;
    private final PackageScan packages;
    private final List<LayerRef> layers;
    private final ExplainOptions options;
    private final String[] pathCache;
    private final Claims claimedBefore;
    private int[][] origins;

    ImageFacts(ImageConfig config, UnionView union, CapturedFiles files, PackageScan packages, List<LayerRef> layers,
               ExplainOptions options) {
        this.config = config;
        this.union = union;
        this.files = files;
        this.packages = packages;
        this.layers = List.copyOf(layers);
        this.options = options;
        this.pathCache = new String[union.paths().size()];
        this.claimedBefore = null;
    }

    private ImageFacts(ImageFacts facts, Claims claimedBefore) {
        this.config = facts.config;
        this.union = facts.union;
        this.files = facts.files;
        this.packages = facts.packages;
        this.layers = facts.layers;
        this.options = facts.options;
        this.pathCache = facts.pathCache;
        this.origins = facts.origins();
        this.claimedBefore = claimedBefore;
    }

    /**
     * The same facts for a later round of detectors: the file visits skip the entries earlier rounds' findings
     * claimed, so one file is one finding's.
     */
    ImageFacts without(Claims claimed) {
        return new ImageFacts(this, claimed);
    }

    /** Visits one regular file of one layer. */
    @FunctionalInterface
    interface FileVisitor {
        /**
         * @param layer    the layer shipping it
         * @param row      its row in that layer's index
         * @param pathId   its path id
         * @param bytes    its content bytes
         * @param hiddenBy the later layer hiding it, or -1 when it is in the final filesystem
         */
        void visit(int layer, int row, int pathId, long bytes, int hiddenBy);
    }

    ImageConfig config() {
        return config;
    }

    UnionView union() {
        return union;
    }

    PathTable paths() {
        return union.paths();
    }

    ExplainOptions options() {
        return options;
    }

    int layerCount() {
        return layers.size();
    }

    LayerIndex layer(int index) {
        return union.layers().get(index);
    }

    /** The layer with its instruction and Dockerfile line. */
    LayerRef ref(int layer) {
        return layers.get(layer);
    }

    /** The config's history, all entries (empty layers included). */
    List<HistoryEntry> history() {
        return config.history();
    }

    long contentBytes() {
        return union.contentBytes();
    }

    /**
     * The absolute path of a path id, built once. Detectors run in parallel: two may build the same path at once,
     * which is harmless (equal immutable strings).
     */
    String path(int pathId) {
        String p = pathCache[pathId];
        if (p == null) {
            p = union.paths().path(pathId);
            pathCache[pathId] = p;
        }
        return p;
    }

    /**
     * Every regular file of every layer (empty ones too), hidden ones included (base first, tar order), except those
     * an earlier round of detectors claimed.
     */
    void forEachFile(FileVisitor visitor) {
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex li = layer(l);
            for (int r = 0; r < li.size(); r++) {
                if (li.type(r) == EntryType.FILE && (claimedBefore == null || !claimedBefore.contains(l, r))) {
                    visitor.visit(l, r, li.pathId(r), li.contentBytes(r), union.hiddenBy(l, r));
                }
            }
        }
    }

    /** Every regular file in the final filesystem. */
    void forEachVisibleFile(FileVisitor visitor) {
        forEachFile((l, r, id, bytes, hiddenBy) -> {
            if (hiddenBy < 0) {
                visitor.visit(l, r, id, bytes, hiddenBy);
            }
        });
    }

    /** The path id of an absolute path, or -1 when no layer has it. */
    int find(String path) {
        return union.paths().find(path);
    }

    /** True when the path exists in the final filesystem. */
    boolean exists(String path) {
        int id = find(path);
        return id >= 0 && union.exists(id);
    }

    /** The captured content of a file as a layer ships it. */
    Optional<byte[]> content(int layer, String path) {
        return files.content(layer, path);
    }

    /** The captured content of a file of the final filesystem. */
    Optional<byte[]> visibleContent(String path) {
        int id = find(path);
        if (id < 0 || !union.exists(id) || union.providerLayer(id) < 0) {
            return Optional.empty();
        }
        return files.content(union.providerLayer(id), path);
    }

    /**
     * The layer that added the path of a row: walking down through the rows it overwrote (a {@code RUN chmod -R}
     * writes every file again), the first layer of that chain; the row's own layer when it overwrote nothing, or
     * when the path was deleted before it was added again.
     */
    int origin(int layer, int row) {
        return origins()[layer][row];
    }

    private synchronized int[][] origins() {
        if (origins == null) {
            int[][] o = new int[layers.size()][];
            for (int l = 0; l < layers.size(); l++) {
                o[l] = new int[layer(l).size()];
                java.util.Arrays.fill(o[l], l);
            }
            for (int l = 0; l < layers.size(); l++) {
                LayerIndex li = layer(l);
                for (int r = 0; r < li.size(); r++) {
                    int by = union.hiddenBy(l, r);
                    if (by > l && union.hideReason(l, r) == dev.whittle.fs.HideReason.OVERWRITTEN
                            && union.hiddenByRow(l, r) >= 0) {
                        o[by][union.hiddenByRow(l, r)] = o[l][r];
                    }
                }
            }
            origins = o;
        }
        return origins;
    }

    /** The installed packages, read from the image's package databases in the same pass. */
    PackageScan packages() {
        return packages;
    }

    /** The captured files. */
    CapturedFiles files() {
        return files;
    }
}
