package dev.whittle.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns byte strings (path segments, symlink targets) into one growing byte arena, so a name shared by a million
 * entries across all layers is stored once and referred to by an {@code int}. Not thread-safe: {@link PathTable}
 * guards it.
 */
final class NamePool {
    private byte[] data = new byte[1 << 16];
    private int used;
    private int[] starts = new int[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int count;
    /** Open-addressing table of id + 1 (0 = empty). */
    private int[] table = new int[1 << 11];

    /** The id of these bytes, adding them when new. */
    int intern(byte[] buf, int off, int len) {
        int h = hash(buf, off, len);
        int slot = slot(buf, off, len, h);
        if (table[slot] != 0) {
            return table[slot] - 1;
        }
        int id = add(buf, off, len, h);
        table[slot] = id + 1;
        if (count * 2 > table.length) {
            rehash();
        }
        return id;
    }

    /** The id of these bytes, or -1 when they were never interned. */
    int find(byte[] buf, int off, int len) {
        return table[slot(buf, off, len, hash(buf, off, len))] - 1;
    }

    /** The table slot holding these bytes, or the empty slot where they would go. */
    private int slot(byte[] buf, int off, int len, int h) {
        int mask = table.length - 1;
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int idPlus1 = table[slot];
            if (idPlus1 == 0 || (hashes[idPlus1 - 1] == h && equalsAt(idPlus1 - 1, buf, off, len))) {
                return slot;
            }
        }
    }

    int length(int id) {
        return end(id) - starts[id];
    }

    String string(int id) {
        return new String(data, starts[id], length(id), StandardCharsets.UTF_8);
    }

    /** Appends the bytes of {@code id} to {@code out} at {@code pos}; returns the new position. */
    int copyTo(int id, byte[] out, int pos) {
        int len = length(id);
        System.arraycopy(data, starts[id], out, pos, len);
        return pos + len;
    }

    /** Compares two names as unsigned bytes, the order Go's {@code sort.Strings} gives UTF-8 names. */
    int compare(int a, int b) {
        return Arrays.compareUnsigned(data, starts[a], end(a), data, starts[b], end(b));
    }

    /** Approximate heap bytes held. */
    long memoryBytes() {
        return data.length + 4L * (starts.length + hashes.length + table.length);
    }

    private int end(int id) {
        return id + 1 < count ? starts[id + 1] : used;
    }

    private int add(byte[] buf, int off, int len, int h) {
        if (used + len > data.length) {
            data = Arrays.copyOf(data, Math.max(used + len, (int) Math.min(Integer.MAX_VALUE - 8, data.length * 2L)));
        }
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            hashes = Arrays.copyOf(hashes, count * 2);
        }
        System.arraycopy(buf, off, data, used, len);
        starts[count] = used;
        hashes[count] = h;
        used += len;
        return count++;
    }

    private boolean equalsAt(int id, byte[] buf, int off, int len) {
        return Arrays.equals(data, starts[id], end(id), buf, off, off + len);
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < count; id++) {
            int slot = hashes[id] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = id + 1;
        }
        table = bigger;
    }

    private static int hash(byte[] buf, int off, int len) {
        int h = 0x811c9dc5;
        for (int i = off; i < off + len; i++) {
            h = (h ^ (buf[i] & 0xff)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
