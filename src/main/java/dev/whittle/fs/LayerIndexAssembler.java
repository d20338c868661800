package dev.whittle.fs;

import dev.whittle.image.InputException;

/**
 * Builds the {@link LayerIndex} that {@link LayerIndexer} would give for a tar whose entries are known before it is
 * written: one entry per {@link #add} call, in tar order, each carrying the metadata of a row of another index (the
 * input layer its header was copied from) under a path of the same table. For a writer that makes a layer from
 * entries it already indexed ({@code slim}'s squashed layer): parsing the headers again as they are written gives
 * nothing more.
 *
 * <p>The rules are {@link LayerIndexer}'s, in the same order: a directory implied by an entry and not listed before it
 * gets an implicit row (deepest first), a listed directory fills an implicit row in, a later entry for the same path
 * supersedes the earlier, and hard links are resolved within the layer once every entry is in (a target outside it is
 * an external link). Whiteouts are not taken: their {@code .wh.} names are paths of their own, which only reading the
 * tar interns.
 */
public final class LayerIndexAssembler {
    private static final int NODE = 0;

    private final LayerIndex.Builder out;
    private final PathTable paths;
    private final IntIntMap rowByKey = new IntIntMap(1024);
    private int[] chain = new int[64];
    private int lastEnsured = -1;

    /**
     * @param layerIndex the layer's position in its image
     * @param label      how messages name the layer
     * @param paths      the table every path id refers to
     */
    public LayerIndexAssembler(int layerIndex, String label, PathTable paths) {
        this.out = new LayerIndex.Builder(layerIndex, label, paths);
        this.paths = paths;
    }

    /**
     * Adds the next tar entry: path {@code pathId}, with the type, mode, owner and time of {@code source}'s row
     * {@code row}.
     *
     * @param size the header's size field as written (a hard link written with size 0 says 0)
     * @param link for a hard link, the path id it links to (absolute); ignored otherwise (a symlink keeps its
     *             source row's text)
     * @throws IllegalArgumentException for a whiteout, which this does not index
     * @throws InputException           as {@link LayerIndexer} would: a hard link to a directory, a loop
     */
    public void add(int pathId, LayerIndex source, int row, long size, int link) {
        EntryType type = source.type(row);
        if (type == EntryType.WHITEOUT || type == EntryType.OPAQUE_WHITEOUT) {
            throw new IllegalArgumentException("whiteouts are indexed by reading the tar");
        }
        if (pathId == PathTable.ROOT) {
            return; // the root directory itself: nothing to index
        }
        ensureAncestors(pathId);
        int l = switch (type) {
            case SYMLINK -> source.link(row);
            case HARDLINK -> link;
            default -> -1;
        };
        nodeRow(pathId, type, size, source.mode(row), source.uid(row), source.gid(row), source.mtime(row), l);
    }

    /** The index of every entry added; {@code tarBytes} is the length of the tar written. */
    public LayerIndex build(long tarBytes) {
        out.resolveHardLinks(id -> rowByKey.get(key(id)));
        return out.build(tarBytes);
    }

    /** As {@code LayerIndexer.nodeRow}. */
    private void nodeRow(int id, EntryType type, long size, int mode, int uid, int gid, long mtime, int link) {
        int existing = rowByKey.get(key(id));
        if (existing >= 0) {
            byte flags = out.flags[existing];
            boolean hasChildren = (flags & LayerIndex.HAS_CHILDREN) != 0;
            if ((flags & LayerIndex.IMPLICIT) != 0 && type == EntryType.DIR) {
                out.set(existing, id, type, LayerIndex.HAS_CHILDREN, size, mode, uid, gid, mtime, link);
                return;
            }
            if (hasChildren && type != EntryType.DIR) {
                out.add(id, type, LayerIndex.SUPERSEDED, size, mode, uid, gid, mtime, link);
                return;
            }
            out.flags[existing] |= LayerIndex.SUPERSEDED;
            byte carried = hasChildren ? LayerIndex.HAS_CHILDREN : 0;
            rowByKey.put(key(id), out.add(id, type, carried, size, mode, uid, gid, mtime, link));
            return;
        }
        rowByKey.put(key(id), out.add(id, type, (byte) 0, size, mode, uid, gid, mtime, link));
    }

    /** As {@code LayerIndexer.ensureAncestors}: the ancestors of {@code id} below the root, deepest first. */
    private void ensureAncestors(int id) {
        int parent = paths.parent(id);
        if (parent == PathTable.ROOT || parent == lastEnsured) {
            return;
        }
        lastEnsured = parent;
        int count = 0;
        for (int p = parent; p != PathTable.ROOT; p = paths.parent(p)) {
            if (count == chain.length) {
                chain = java.util.Arrays.copyOf(chain, count * 2);
            }
            chain[count++] = p;
        }
        for (int i = 0; i < count; i++) {
            int row = rowByKey.get(key(chain[i]));
            if (row >= 0 && out.type(row) == EntryType.DIR && (out.flags[row] & LayerIndex.HAS_CHILDREN) != 0) {
                return;
            }
            ensureDir(chain[i]);
        }
    }

    private void ensureDir(int id) {
        int row = rowByKey.get(key(id));
        if (row >= 0 && out.type(row) == EntryType.DIR) {
            out.flags[row] |= LayerIndex.HAS_CHILDREN;
            return;
        }
        if (row >= 0) {
            out.flags[row] |= LayerIndex.SUPERSEDED;
        }
        rowByKey.put(key(id), out.add(id, EntryType.DIR, (byte) (LayerIndex.IMPLICIT | LayerIndex.HAS_CHILDREN), 0,
                040755, 0, 0, 0, -1));
    }

    private static int key(int id) {
        if (id > (Integer.MAX_VALUE >> 2)) {
            throw new InputException("too many paths in one image (over " + (Integer.MAX_VALUE >> 2) + ")");
        }
        return id << 2 | NODE;
    }
}
