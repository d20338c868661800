package dev.whittle.slim;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LayerIndexAssembler;
import dev.whittle.fs.UnionView;
import java.util.List;

/**
 * The squashed layer's index made from the selection, as reading the written layer gives it, without parsing a header:
 * every entry of the layer is a row the input's indexes already hold, written again under its final path. The
 * metadata an index keeps (type, size, mode, owner, time, link) is what slim copies into the new header; what changes
 * is known from the selection: the path, a hard link's target and size (0), a materialised hard link's path.
 *
 * <p>It does not apply ({@link #applies}) where the written names could intern as other paths than the input's: a
 * whiteout's {@code .wh.} name (a path the input may not have), and a name or link text that did not decode as UTF-8
 * (it is written as decoded, so it is no longer the input's bytes). Then the written tar is indexed as it goes out.
 * {@code SlimmerTest} compares the two row by row.
 */
final class SquashedIndex {
    private static final char UNDECODABLE = '\uFFFD';

    private SquashedIndex() {
    }

    /** True when {@link #of} gives the index reading the squashed layer gives. */
    static boolean applies(SquashSelection selection, UnionView union) {
        if (selection.whiteouts() > 0) {
            return false;
        }
        List<LayerIndex> layers = union.layers();
        for (SquashEntry e : selection.entries()) {
            if (e.kind() == SquashEntry.Kind.WHITEOUT || e.path().indexOf(UNDECODABLE) >= 0
                    || (e.linkTarget() != null && e.linkTarget().indexOf(UNDECODABLE) >= 0)) {
                return false;
            }
            LayerIndex source = layers.get(e.layer());
            if (source.type(e.row()) == EntryType.SYMLINK && source.linkTarget(e.row()).indexOf(UNDECODABLE) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index of the squashed layer written at {@code position}, {@code tarBytes} long; only where
     * {@link #applies}.
     */
    static LayerIndex of(SquashSelection selection, UnionView union, int position, String label, long tarBytes) {
        List<LayerIndex> layers = union.layers();
        var paths = union.paths();
        LayerIndexAssembler index = new LayerIndexAssembler(position, label, paths);
        for (SquashEntry e : selection.entries()) {
            LayerIndex source = layers.get(e.layer());
            switch (e.kind()) {
                case COPY -> index.add(e.pathId(), source, e.row(), source.headerSize(e.row()), -1);
                // written under the link's own path, from its inode's header
                case MATERIALISED -> index.add(id(paths, e.path()), source, e.row(), source.headerSize(e.row()), -1);
                // the link's own header, its target the selection's, its size 0 (as a tar writer writes links)
                case HARDLINK -> index.add(e.pathId(), source, e.row(), 0, id(paths, e.linkTarget()));
                case WHITEOUT -> throw new IllegalArgumentException("whiteouts are indexed by reading the tar");
            }
        }
        return index.build(tarBytes);
    }

    private static int id(dev.whittle.fs.PathTable paths, String path) {
        int id = paths.find(path);
        if (id < 0) {
            throw new IllegalStateException("the squashed layer names " + path + ", which the input's table lacks");
        }
        return id;
    }
}
