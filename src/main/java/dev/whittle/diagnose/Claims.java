package dev.whittle.diagnose;

import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.UnionView;
import java.util.BitSet;
import java.util.List;

/**
 * The layer entries (layer, row) a finding would remove. Savings are counted over these sets, so bytes that several
 * findings name (apt lists that are both a cache and deleted later) count once in the summary.
 */
public final class Claims {
    private final BitSet[] rows;

    Claims(int layers) {
        rows = new BitSet[layers];
        for (int i = 0; i < layers; i++) {
            rows[i] = new BitSet();
        }
    }

    /** Visits each claimed entry, layer by layer, rows in order. */
    public void forEach(Entry visitor) {
        for (int l = 0; l < rows.length; l++) {
            for (int r = rows[l].nextSetBit(0); r >= 0; r = rows[l].nextSetBit(r + 1)) {
                visitor.accept(l, r);
            }
        }
    }

    /** One claimed layer entry. */
    @FunctionalInterface
    public interface Entry {
        /**
         * @param layer the layer's index
         * @param row   the entry's row in that layer's index
         */
        void accept(int layer, int row);
    }

    void add(int layer, int row) {
        rows[layer].set(row);
    }

    boolean contains(int layer, int row) {
        return rows[layer].get(row);
    }

    void addAll(Claims other) {
        for (int i = 0; i < rows.length; i++) {
            rows[i].or(other.rows[i]);
        }
    }

    boolean isEmpty() {
        for (BitSet b : rows) {
            if (!b.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Content bytes of the claimed entries. */
    long bytes(UnionView union) {
        List<LayerIndex> layers = union.layers();
        long sum = 0;
        for (int l = 0; l < rows.length; l++) {
            LayerIndex li = layers.get(l);
            for (int r = rows[l].nextSetBit(0); r >= 0; r = rows[l].nextSetBit(r + 1)) {
                sum += li.contentBytes(r);
            }
        }
        return sum;
    }

    /** Number of claimed entries. */
    long count() {
        long n = 0;
        for (BitSet b : rows) {
            n += b.cardinality();
        }
        return n;
    }
}
