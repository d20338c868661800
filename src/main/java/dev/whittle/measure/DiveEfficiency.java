package dev.whittle.measure;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * dive's efficiency model, reproduced with its quirks so {@code .dive-ci} verdicts do not change:
 * per layer, only leaf nodes are visited (children before parents, names sorted as bytes); a whiteout weighs 0 for a
 * file, or the summed sizes of the directory below it in dive's stacked tree; a whiteout of a path not in that tree
 * stops the layer (its path still enters the map with dive's initial minimum of -1); opaque whiteouts are ignored.
 * dive's stacked tree keeps a directory's children when a file replaces it and gives directories it merely implies an
 * empty payload (not a directory): both matter for whiteout sizes and are modelled.
 */
final class DiveEfficiency {
    private final UnionView union;
    private final PathTable paths;
    private final int[] order;
    // dive's stacked tree of the layers below the current one.
    private final boolean[] exists;
    private final boolean[] isDir;
    private final long[] size;
    // Per path: dive's EfficiencyData.
    private final long[] cumulative;
    private final long[] minimum;
    private final int[] references;
    private final boolean[] touched;
    private final boolean[] hasChild;

    private DiveEfficiency(UnionView union) {
        this.union = union;
        this.paths = union.paths();
        this.order = paths.postOrder();
        int n = paths.size();
        exists = new boolean[n];
        isDir = new boolean[n];
        size = new long[n];
        cumulative = new long[n];
        minimum = new long[n];
        references = new int[n];
        touched = new boolean[n];
        hasChild = new boolean[n];
    }

    /** Computes dive's metrics for a union of layers. */
    static DiveMetrics compute(UnionView union) {
        return new DiveEfficiency(union).run();
    }

    private DiveMetrics run() {
        List<LayerIndex> layers = union.layers();
        exists[PathTable.ROOT] = true;
        for (int l = 0; l < layers.size(); l++) {
            long[] nodes = sortedNodes(layers.get(l));
            if (l == 0) {
                // dive looks layer 0's whiteouts up in a plain copy of layer 0's own tree.
                stack(layers.get(0), nodes, true);
            }
            visitLeaves(layers.get(l), nodes);
            stack(layers.get(l), nodes, false);
        }
        long minSum = 0;
        long cumSum = 0;
        long wasted = 0;
        List<InefficientFile> inefficient = new ArrayList<>();
        for (int p = 0; p < paths.size(); p++) {
            if (!touched[p]) {
                continue;
            }
            minSum += minimum[p];
            cumSum += cumulative[p];
            if (references[p] >= 2) {
                wasted += cumulative[p];
                inefficient.add(new InefficientFile(paths.path(p), references[p], cumulative[p]));
            }
        }
        inefficient.sort(Comparator.comparingLong(InefficientFile::sizeBytes).reversed()
                .thenComparing(InefficientFile::path));
        double efficiency = cumSum == 0 ? 1.0 : (double) minSum / (double) cumSum;
        long sizeBytes = union.contentBytes();
        long userSize = sizeBytes - layers.get(0).contentBytes();
        double userWasted = (double) wasted / (double) userSize;
        return new DiveMetrics(efficiency, wasted, userWasted, sizeBytes, userSize, inefficient);
    }

    /** The layer's tree nodes (rows), in dive's visiting order: children before parents, names as bytes. */
    private long[] sortedNodes(LayerIndex layer) {
        long[] nodes = new long[layer.size()];
        int n = 0;
        for (int r = 0; r < layer.size(); r++) {
            if (layer.isSuperseded(r) || layer.type(r) == EntryType.OPAQUE_WHITEOUT) {
                continue;
            }
            nodes[n++] = (long) order[nodeId(layer, r)] << 32 | r;
        }
        nodes = Arrays.copyOf(nodes, n);
        Arrays.sort(nodes);
        return nodes;
    }

    private void visitLeaves(LayerIndex layer, long[] nodes) {
        for (long node : nodes) {
            hasChild[paths.parent(nodeId(layer, (int) node))] = true;
        }
        try {
            for (long node : nodes) {
                int r = (int) node;
                int id = nodeId(layer, r);
                if (hasChild[id]) {
                    continue;
                }
                int p = layer.pathId(r);
                if (!touched[p]) {
                    touched[p] = true;
                    minimum[p] = -1; // dive's initial minDiscoveredSize, kept when the visit fails below
                }
                long bytes;
                if (layer.type(r) == EntryType.WHITEOUT) {
                    if (!exists[p]) {
                        return; // dive's visitor fails here and the rest of the layer is skipped
                    }
                    bytes = isDir[p] ? subtreeSize(p) : 0;
                } else {
                    bytes = layer.headerSize(r);
                }
                cumulative[p] += bytes;
                if (minimum[p] < 0 || bytes < minimum[p]) {
                    minimum[p] = bytes;
                }
                references[p]++;
            }
        } finally {
            for (long node : nodes) {
                hasChild[paths.parent(nodeId(layer, (int) node))] = false;
            }
        }
    }

    /** dive's FileTree.Stack: whiteouts remove a subtree, every other node (implied ones too) sets its payload. */
    private void stack(LayerIndex layer, long[] nodes, boolean skipWhiteouts) {
        for (long node : nodes) {
            int r = (int) node;
            int p = layer.pathId(r);
            if (layer.type(r) == EntryType.WHITEOUT) {
                if (!skipWhiteouts && exists[p]) {
                    remove(p);
                }
                continue;
            }
            for (int a = paths.parent(p); a != PathTable.ROOT && !exists[a]; a = paths.parent(a)) {
                exists[a] = true;
                isDir[a] = false;
                size[a] = 0;
            }
            exists[p] = true;
            boolean implicit = layer.isImplicit(r);
            isDir[p] = !implicit && layer.type(r) == EntryType.DIR;
            size[p] = implicit ? 0 : layer.headerSize(r);
        }
    }

    private long subtreeSize(int p) {
        long sum = size[p];
        for (int c = paths.firstChild(p); c >= 0; c = paths.nextSibling(c)) {
            if (exists[c]) {
                sum += subtreeSize(c);
            }
        }
        return sum;
    }

    private void remove(int p) {
        exists[p] = false;
        for (int c = paths.firstChild(p); c >= 0; c = paths.nextSibling(c)) {
            if (exists[c]) {
                remove(c);
            }
        }
    }

    private static int nodeId(LayerIndex layer, int row) {
        return layer.type(row) == EntryType.WHITEOUT ? layer.whiteoutEntryId(row) : layer.pathId(row);
    }
}
