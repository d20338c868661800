package dev.whittle.fs;

import dev.whittle.image.InputException;
import java.util.Arrays;
import java.util.List;

/**
 * The single ordered pass that stacks layer indexes into a union: for every row, whether and by what it is hidden,
 * and for every path, which row provides it in the end. Within a layer, opaque whiteouts act first, then whiteouts,
 * then entries, so their order in the tar does not matter.
 */
final class UnionBuilder {
    private final PathTable paths;
    private final List<LayerIndex> layers;
    private final int[] firstChild;
    private final int[] nextSibling;
    final int[] provLayer;
    final int[] provRow;
    final int[][] hiddenBy;
    final int[][] hiderRow;
    final byte[][] reasons;
    final byte[][] changes;
    final int[] added;
    final int[] modified;
    final int[] deleted;

    UnionBuilder(PathTable paths, List<LayerIndex> layers) {
        this.paths = paths;
        this.layers = layers;
        int n = paths.size();
        int[][] links = paths.childLinks();
        firstChild = links[0];
        nextSibling = links[1];
        provLayer = new int[n];
        provRow = new int[n];
        Arrays.fill(provLayer, -1);
        Arrays.fill(provRow, -1);
        int count = layers.size();
        hiddenBy = new int[count][];
        hiderRow = new int[count][];
        reasons = new byte[count][];
        changes = new byte[count][];
        added = new int[count];
        modified = new int[count];
        deleted = new int[count];
    }

    UnionBuilder build() {
        for (int l = 0; l < layers.size(); l++) {
            apply(l, layers.get(l));
        }
        return this;
    }

    private void apply(int l, LayerIndex layer) {
        int rows = layer.size();
        hiddenBy[l] = new int[rows];
        hiderRow[l] = new int[rows];
        Arrays.fill(hiddenBy[l], -1);
        Arrays.fill(hiderRow[l], -1);
        reasons[l] = new byte[rows];
        changes[l] = new byte[rows];
        Arrays.fill(changes[l], (byte) -1);
        for (int r = 0; r < rows; r++) {
            if (layer.isSuperseded(r)) {
                markHidden(l, r, l, r, HideReason.DUPLICATE);
                continue;
            }
            classify(l, layer, r);
        }
        for (int r = 0; r < rows; r++) {
            if (layer.type(r) == EntryType.OPAQUE_WHITEOUT && !layer.isSuperseded(r)) {
                hideBelow(layer.pathId(r), l, r, HideReason.OPAQUE_WHITEOUT);
            }
        }
        for (int r = 0; r < rows; r++) {
            int p = layer.pathId(r);
            if (layer.type(r) == EntryType.WHITEOUT && !layer.isSuperseded(r) && present(p)) {
                hide(p, l, r, HideReason.WHITEOUT);
                hideBelow(p, l, r, HideReason.PARENT_DELETED);
            }
        }
        for (int r = 0; r < rows; r++) {
            if (layer.type(r).isNode() && !layer.isSuperseded(r)) {
                place(l, layer, r);
            }
        }
    }

    private void classify(int l, LayerIndex layer, int r) {
        EntryType type = layer.type(r);
        boolean existed = present(layer.pathId(r));
        if (type == EntryType.WHITEOUT) {
            if (existed) {
                changes[l][r] = (byte) ChangeKind.DELETED.ordinal();
                deleted[l]++;
            }
        } else if (type != EntryType.OPAQUE_WHITEOUT && !layer.isImplicit(r)) {
            changes[l][r] = (byte) (existed ? ChangeKind.MODIFIED : ChangeKind.ADDED).ordinal();
            if (type != EntryType.DIR) {
                if (existed) {
                    modified[l]++;
                } else {
                    added[l]++;
                }
            }
        }
    }

    private void place(int l, LayerIndex layer, int r) {
        int p = layer.pathId(r);
        EntryType type = layer.type(r);
        if (layer.isExternalLink(r)) {
            int target = layer.hardLinkTargetId(r);
            if (!present(target) || typeOf(target) == EntryType.DIR) {
                throw new InputException(layer.label() + ": hard link " + layer.path(r) + " points at "
                        + paths.path(target) + ", which is not a file in this layer or the layers below");
            }
        }
        if (present(p)) {
            EntryType current = typeOf(p);
            if (type == EntryType.DIR && current == EntryType.DIR && layer.isImplicit(r)) {
                return; // merges into the directory below, whose metadata stays
            }
            hide(p, l, r, HideReason.OVERWRITTEN);
            if (current == EntryType.DIR && type != EntryType.DIR) {
                hideBelow(p, l, r, HideReason.PARENT_DELETED);
            }
        }
        provLayer[p] = l;
        provRow[p] = r;
    }

    private EntryType typeOf(int p) {
        return layers.get(provLayer[p]).type(provRow[p]);
    }

    boolean present(int p) {
        return p == PathTable.ROOT || provLayer[p] >= 0;
    }

    /** Hides every present path strictly below {@code dir}. */
    private void hideBelow(int dir, int l, int r, HideReason reason) {
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = dir;
        while (top > 0) {
            int d = stack[--top];
            for (int c = firstChild[d]; c >= 0; c = nextSibling[c]) {
                if (provLayer[c] >= 0) {
                    hide(c, l, r, reason);
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = c;
                }
            }
        }
    }

    private void hide(int p, int l, int r, HideReason reason) {
        markHidden(provLayer[p], provRow[p], l, r, reason);
        provLayer[p] = -1;
        provRow[p] = -1;
    }

    private void markHidden(int layer, int row, int byLayer, int byRow, HideReason reason) {
        hiddenBy[layer][row] = byLayer;
        hiderRow[layer][row] = byRow;
        reasons[layer][row] = (byte) reason.ordinal();
    }
}
