package dev.whittle.slim;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import dev.whittle.image.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the squashed layer must hold so that the base layers plus it give exactly the final filesystem: every visible
 * entry a squashed layer provides (implicit directories stay implicit), a whiteout for each base path the squashed
 * layers deleted (only at the top of a deleted subtree, and only where the parent is still a directory), and hard
 * links: one whose inode is still visible links to that path; one whose inode lost every visible name (its target was
 * deleted or overwritten later) becomes a regular file holding the inode's content, and its other names link to it.
 * Entries come in a depth-first walk with names sorted (parents before children, whiteouts among their siblings),
 * hard links last so their targets already exist.
 */
public final class SquashSelection {
    private final UnionView union;
    private final UnionView base;
    private final int kept;
    private final DropSelection drops;
    private final PathTable paths;
    private final List<LayerIndex> layers;
    private final List<SquashEntry> entries = new ArrayList<>();
    private final List<SquashEntry> links = new ArrayList<>();
    /** {@link #entries} as callers see it: complete once {@link #of} returns, never changed after. */
    private List<SquashEntry> view;
    /** The layers whose tars hold entries, by position; made on first use. */
    private java.util.Set<Integer> layersRead;
    private final Map<Long, String> materialised = new HashMap<>();
    private final Map<Integer, Map<Integer, Integer>> rowsByPath = new HashMap<>();
    private long bytes;
    private long materialisedBytes;
    private int whiteouts;

    private SquashSelection(UnionView union, int kept, DropSelection drops) {
        this.union = union;
        this.kept = kept;
        this.drops = drops;
        this.paths = union.paths();
        this.layers = union.layers();
        this.base = kept == 0 ? null : UnionView.of(paths, layers.subList(0, kept));
    }

    /**
     * Selects the squashed layer's entries.
     *
     * @param union the whole image's union view
     * @param kept  how many base layers stay as they are (0 squashes everything)
     */
    public static SquashSelection of(UnionView union, int kept) {
        return of(union, kept, DropSelection.NONE);
    }

    /**
     * Selects the squashed layer's entries, leaving out the files {@code drops} removes (a whiteout deletes a base
     * path one of them had overwritten).
     *
     * @param union the whole image's union view
     * @param kept  how many base layers stay as they are (0 squashes everything)
     * @param drops the files {@code --drop} removes
     */
    public static SquashSelection of(UnionView union, int kept, DropSelection drops) {
        if (kept < 0 || kept >= union.layers().size()) {
            throw new IllegalArgumentException("kept " + kept + " of " + union.layers().size() + " layers");
        }
        SquashSelection s = new SquashSelection(union, kept, drops);
        s.walk(PathTable.ROOT);
        s.entries.addAll(s.links);
        s.view = java.util.Collections.unmodifiableList(s.entries);
        return s;
    }

    /** The entries, in the order they are written (an unmodifiable view: no copy per call). */
    public List<SquashEntry> entries() {
        return view;
    }

    /** The positions of the layers whose tars hold the entries (whiteouts hold none), in order. */
    java.util.Set<Integer> layersRead() {
        if (layersRead == null) {
            java.util.BitSet read = new java.util.BitSet();
            for (SquashEntry e : entries) {
                if (e.kind() != SquashEntry.Kind.WHITEOUT) {
                    read.set(e.layer());
                }
            }
            java.util.Set<Integer> out = new java.util.TreeSet<>();
            read.stream().forEach(out::add);
            layersRead = java.util.Collections.unmodifiableSet(out);
        }
        return layersRead;
    }

    /** How many base layers stay. */
    public int kept() {
        return kept;
    }

    /** Content bytes the squashed layer ships. */
    public long contentBytes() {
        return bytes;
    }

    /** Of {@link #contentBytes}, the bytes of hard links written as files because their inode lost its other names. */
    public long materialisedBytes() {
        return materialisedBytes;
    }

    /** How many whiteouts delete base paths. */
    public int whiteouts() {
        return whiteouts;
    }

    private void walk(int dir) {
        // each name encoded once, not twice per comparison: the same order as compareBytes (a stable sort of the
        // same keys in the same first order, so even two names that decode alike keep their order)
        List<Child> children = new ArrayList<>();
        for (int c = paths.firstChild(dir); c >= 0; c = paths.nextSibling(c)) {
            children.add(new Child(paths.name(c).getBytes(java.nio.charset.StandardCharsets.UTF_8), c));
        }
        children.sort(Child.ORDER);
        for (Child child : children) {
            int c = child.id();
            boolean dropped = drops.drops(c);
            if (union.exists(c) && !dropped) {
                int layer = union.providerLayer(c);
                int row = union.providerRow(c);
                EntryType type = layers.get(layer).type(row);
                if (layer >= kept) {
                    select(c, layer, row, type);
                }
                if (type == EntryType.DIR) {
                    walk(c);
                }
            } else if (base != null && base.exists(c)) {
                // deleted by a squashed layer, or dropped where it had overwritten a base file
                entries.add(new SquashEntry(paths.path(c), SquashEntry.Kind.WHITEOUT, -1, c, -1, null, 0));
                whiteouts++;
            }
        }
    }

    private void select(int pathId, int layer, int row, EntryType type) {
        LayerIndex index = layers.get(layer);
        String path = paths.path(pathId);
        if (type == EntryType.DIR && index.isImplicit(row)) {
            return; // the input never listed it either: its children imply it
        }
        if (type != EntryType.HARDLINK) {
            long size = index.contentBytes(row);
            bytes += size;
            entries.add(new SquashEntry(path, SquashEntry.Kind.COPY, layer, pathId, row, null, size));
            return;
        }
        int[] inode = inode(layer, row);
        LayerIndex inodeLayer = layers.get(inode[0]);
        int inodePath = inodeLayer.pathId(inode[1]);
        if (union.providerLayer(inodePath) == inode[0] && union.providerRow(inodePath) == inode[1]) {
            links.add(new SquashEntry(path, SquashEntry.Kind.HARDLINK, layer, pathId, row, paths.path(inodePath),
                    0));
            return;
        }
        long key = ((long) inode[0] << 32) | inode[1];
        String first = materialised.get(key);
        if (first != null) {
            links.add(new SquashEntry(path, SquashEntry.Kind.HARDLINK, layer, pathId, row, first, 0));
            return;
        }
        materialised.put(key, path);
        long size = inodeLayer.contentBytes(inode[1]);
        bytes += size;
        materialisedBytes += size;
        entries.add(new SquashEntry(path, SquashEntry.Kind.MATERIALISED, inode[0], inodePath, inode[1], null,
                size));
    }

    /**
     * The (layer, row) of the regular file a hard link's data lives in: its target in the same layer, else the entry
     * that provided the target when the link's layer was applied; chains are followed.
     */
    private int[] inode(int layer, int row) {
        int l = layer;
        int r = row;
        for (int hops = 0; layers.get(l).type(r) == EntryType.HARDLINK; hops++) {
            LayerIndex index = layers.get(l);
            int target = index.hardLinkTargetId(r);
            if (hops > 1000) {
                throw new InputException(index.label() + ": hard link loop at " + index.path(r));
            }
            Integer same = index.isExternalLink(r) ? null : rowsByPath(l).get(target);
            if (same != null && same != r) {
                r = same;
                continue;
            }
            int found = -1;
            int below = l - 1;
            for (; below >= 0; below--) {
                Integer candidate = rowsByPath(below).get(target);
                if (candidate != null) {
                    int hider = union.hiddenBy(below, candidate);
                    if (hider < 0 || hider >= l) {
                        found = candidate;
                    }
                    break;
                }
            }
            if (found < 0) {
                throw new InputException(index.label() + ": hard link " + index.path(r) + " points at "
                        + paths.path(target) + ", which no layer provides");
            }
            l = below;
            r = found;
        }
        return new int[] {l, r};
    }

    /** Path id -> the row that provides it within one layer (explicit, not superseded, not a whiteout). */
    private Map<Integer, Integer> rowsByPath(int layer) {
        return rowsByPath.computeIfAbsent(layer, l -> {
            LayerIndex index = layers.get(l);
            Map<Integer, Integer> map = new HashMap<>();
            for (int r = 0; r < index.size(); r++) {
                if (index.type(r).isNode() && !index.isSuperseded(r) && !index.isImplicit(r)) {
                    map.put(index.pathId(r), r);
                }
            }
            return map;
        });
    }

    /** A child of the directory being walked, with its name's UTF-8 bytes. */
    private record Child(byte[] name, int id) {
        static final java.util.Comparator<Child> ORDER = (a, b) -> java.util.Arrays.compareUnsigned(a.name, b.name);
    }

    /** Orders names as unsigned UTF-8 bytes, the order tar tools and Go sort in. */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
